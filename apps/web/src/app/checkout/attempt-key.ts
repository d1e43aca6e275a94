/** A fresh idempotency key: 32 hex digits, within the API's `idempotencyKeySchema`. */
const newKey = () => crypto.randomUUID().replaceAll("-", "");

/**
 * Keys for checkout attempts. The same input sent again (a retry after a dropped connection,
 * a second click) is the same attempt and keeps its key, so the server places one order for it
 * however often it arrives; a changed input is a new attempt with a new key.
 */
export function attemptKeys(makeKey: () => string = newKey): (input: unknown) => string {
  let last: { input: string; key: string } | null = null;
  return (input) => {
    const json = JSON.stringify(input);
    if (last?.input !== json) last = { input: json, key: makeKey() };
    return last.key;
  };
}
