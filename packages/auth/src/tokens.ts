import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, URL-safe: session tokens and one-time links. */
export function generateToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database keeps instead of the token itself. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The shape `generateToken` produces; anything else is refused before touching the database. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
