import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// Values the server hands out and must recognise as its own (a guest's cart id in a cookie):
// `<value>.<HMAC-SHA256(secret, purpose + value)>`. The purpose keeps a value signed for one use
// from being accepted for another.

/**
 * AUTH_SECRET, or outside production (where it is required) one random key per process: guest
 * carts then last until the development server restarts.
 */
let processKey: string | undefined;
export function signingSecret(authSecret: string | undefined): string {
  if (authSecret) return authSecret;
  processKey ??= randomBytes(32).toString("hex");
  return processKey;
}

const mac = (secret: string, purpose: string, value: string) =>
  createHmac("sha256", secret).update(`${purpose}\0${value}`).digest("base64url");

export function signValue(secret: string, purpose: string, value: string): string {
  return `${value}.${mac(secret, purpose, value)}`;
}

/**
 * The value when the signature is this server's for this purpose; null for anything else. Longer
 * than `maxLength` is refused unread (a cart id is short; the app sign-in cookie passes more).
 */
export function verifySignedValue(
  secret: string,
  purpose: string,
  signed: string | null | undefined,
  maxLength = 200,
): string | null {
  if (!signed || signed.length > maxLength) return null;
  const dot = signed.lastIndexOf(".");
  if (dot <= 0) return null;
  const value = signed.slice(0, dot);
  const expected = Buffer.from(mac(secret, purpose, value));
  const given = Buffer.from(signed.slice(dot + 1));
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
}
