// One-time links (verify email, reset password, magic sign-in). The mail carries a random token;
// the table keeps its SHA-256, an expiry and when it was used. Using one is a single conditional
// UPDATE, so two clicks racing each other cannot both succeed.
import type { AuthTokenPurpose, DbOrTx } from "@bazaar/db";

import { generateToken, hashToken, TOKEN_PATTERN } from "./tokens.ts";

const MINUTE = 60_000;

/** How long each kind of link works. */
export const TOKEN_LIFETIME_MINUTES: Record<AuthTokenPurpose, number> = {
  VERIFY_EMAIL: 24 * 60,
  RESET_PASSWORD: 30,
  MAGIC_LINK: 15,
};

/**
 * Issue a link token for the user. Earlier unused tokens for the same purpose stop working: only
 * the newest mail's link is live.
 */
export async function issueAuthToken(
  db: DbOrTx,
  userId: string,
  purpose: AuthTokenPurpose,
  now = new Date(),
): Promise<string> {
  const token = generateToken();
  await db.authToken.deleteMany({ where: { userId, purpose, usedAt: null } });
  await db.authToken.create({
    data: {
      userId,
      purpose,
      tokenHash: hashToken(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MINUTES[purpose] * MINUTE),
    },
  });
  return token;
}

/**
 * Use a token: the owner's id if it is live (right purpose, not expired, not used), else null.
 * The same answer for unknown, expired and already-used tokens.
 */
export async function consumeAuthToken(
  db: DbOrTx,
  purpose: AuthTokenPurpose,
  token: string,
  now = new Date(),
): Promise<string | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const tokenHash = hashToken(token);
  const { count } = await db.authToken.updateMany({
    where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count !== 1) return null;
  const row = await db.authToken.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true } });
  return row.userId;
}
