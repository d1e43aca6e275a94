// Where to send someone after they sign in. `next` comes from the address bar, so anyone can
// write it: only a path on this site is followed, never another site ("//evil.example",
// "/\evil.example", or tricks with tabs and newlines that browsers strip).

const ORIGIN = "http://bazaar.invalid";

/** `value` as a path on this site, or null when it is anything else. */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 2048) return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return null;
  }
  // Resolved against a stand-in origin, a real path keeps it; anything that leaves it is refused.
  if (url.origin !== ORIGIN) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
