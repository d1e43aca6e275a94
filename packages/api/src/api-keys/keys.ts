// The REST API's keys: what one looks like, and how a presented one is checked. A key is
// "bzk_" and 43 random base64url characters; the database keeps its SHA-256 hash and its first
// characters (to tell keys apart in the console), never the key.
import { generateToken, hashToken } from "@bazaar/auth";
import type { Db } from "@bazaar/db";
import type { ApiKeyScope } from "@bazaar/validators";

const KEY_PREFIX = "bzk_";
const KEY_PATTERN = /^bzk_[A-Za-z0-9_-]{43}$/;
/** How many of the key's characters the console shows: the marker and eight of the secret. */
const SHOWN_CHARACTERS = KEY_PREFIX.length + 8;
/** A key's last use is written at most this often. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface NewKey {
  key: string;
  prefix: string;
  hash: string;
}

export function generateApiKey(): NewKey {
  const key = `${KEY_PREFIX}${generateToken()}`;
  return { key, prefix: key.slice(0, SHOWN_CHARACTERS), hash: hashToken(key) };
}

/** True for what looks like an API key rather than a session token (both arrive as Bearer). */
export const looksLikeApiKey = (token: string) => token.startsWith(KEY_PREFIX);

export interface VerifiedKey {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
}

/**
 * The live key a caller presented, or null (malformed, unknown, or revoked). Its last use is
 * recorded when the one on record is older than LAST_USED_RESOLUTION_MS.
 */
export async function verifyApiKey(db: Db, presented: string, now = new Date()): Promise<VerifiedKey | null> {
  if (!KEY_PATTERN.test(presented)) return null;
  const key = await db.apiKey.findUnique({
    where: { hash: hashToken(presented) },
    select: { id: true, name: true, scopes: true, revokedAt: true, lastUsedAt: true },
  });
  if (!key || key.revokedAt) return null;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent requests write it once; a key revoked meanwhile is left alone.
    await db.apiKey.updateMany({
      where: {
        id: key.id,
        revokedAt: null,
        OR: [
          { lastUsedAt: null },
          { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } },
        ],
      },
      data: { lastUsedAt: now },
    });
  }
  return { id: key.id, name: key.name, scopes: key.scopes as ApiKeyScope[] };
}
