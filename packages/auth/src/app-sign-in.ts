// The phone app's OAuth sign-in through the system browser (decision 0025). The shop is the app's
// authorization server, with PKCE (RFC 7636, S256):
//   1. /api/app-auth/start keeps the app's request (challenge, redirect URI, state) in a signed
//      cookie in the browser, then hands over to next-auth for the provider;
//   2. next-auth's sign-in event marks the request with the user who signed in at the provider;
//   3. /api/app-auth/finish, reached signed in as that user, swaps it for a one-time code (stored
//      hashed, bound to the challenge and the redirect URI) and sends the browser back to the app;
//   4. the app trades the code and its verifier for a bearer session (account.signInWithAppCode).
import { createHash, timingSafeEqual } from "node:crypto";
import type { DbOrTx } from "@bazaar/db";
import { z } from "zod";

import { verifySignedValue, signValue } from "./signed-values.ts";
import { generateToken, hashToken, TOKEN_PATTERN } from "./tokens.ts";

const MINUTE = 60_000;

/** How long a code works once the browser is sent back to the app. */
export const APP_SIGN_IN_CODE_MINUTES = 5;
/** How long the provider's pages may take between start and finish (the cookie's lifetime too). */
export const APP_SIGN_IN_PENDING_MINUTES = 10;

const PENDING_PURPOSE = "app-sign-in";
/** Challenge, redirect URI and state at their longest, base64url-encoded, fit well inside this. */
const PENDING_MAX_LENGTH = 2048;

/** What the app asked for when it opened the browser. */
export interface PendingAppSignIn {
  provider: string;
  codeChallenge: string;
  redirectUri: string;
  state: string;
}

/** A pending request as the browser brings it back. */
export interface OpenedAppSignIn extends PendingAppSignIn {
  /**
   * Who signed in at the provider, set by next-auth's sign-in event in this browser; null until
   * then. /api/app-auth/finish issues a code only for this user, so opening it directly after
   * start (without a sign-in at the provider) gets nothing.
   */
  userId: string | null;
}

interface PendingPayload extends OpenedAppSignIn {
  /** When the request stops being honoured (ms since the epoch), whatever the browser keeps. */
  expiresAt: number;
}

/** What a sealed cookie must hold to be read back (it is signed; this guards its shape too). */
const pendingPayload = z.object({
  provider: z.string(),
  codeChallenge: z.string(),
  redirectUri: z.string(),
  state: z.string(),
  userId: z.string().nullable(),
  expiresAt: z.number(),
}) satisfies z.ZodType<PendingPayload>;

function seal(secret: string, payload: PendingPayload): string {
  const value = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return signValue(secret, PENDING_PURPOSE, value);
}

function open(secret: string, sealed: string | null | undefined, now: Date): PendingPayload | null {
  const value = verifySignedValue(secret, PENDING_PURPOSE, sealed, PENDING_MAX_LENGTH);
  if (!value) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const payload = pendingPayload.safeParse(parsed);
  if (!payload.success || payload.data.expiresAt <= now.getTime()) return null;
  return payload.data;
}

/** The cookie value for a sign-in the app started: the request, with an expiry, signed. */
export function sealPendingAppSignIn(secret: string, pending: PendingAppSignIn, now = new Date()): string {
  return seal(secret, {
    provider: pending.provider,
    codeChallenge: pending.codeChallenge,
    redirectUri: pending.redirectUri,
    state: pending.state,
    userId: null,
    expiresAt: now.getTime() + APP_SIGN_IN_PENDING_MINUTES * MINUTE,
  });
}

/** The request a cookie value carries, when this server signed it and it has not expired. */
export function openPendingAppSignIn(
  secret: string,
  sealed: string | null | undefined,
  now = new Date(),
): OpenedAppSignIn | null {
  const payload = open(secret, sealed, now);
  if (!payload) return null;
  const { provider, codeChallenge, redirectUri, state, userId } = payload;
  return { provider, codeChallenge, redirectUri, state, userId };
}

/**
 * The cookie value once the browser's OAuth sign-in succeeded for `userId` (next-auth's sign-in
 * event); the expiry stays the one set at start. Null when there is no live pending request.
 */
export function completePendingAppSignIn(
  secret: string,
  sealed: string | null | undefined,
  userId: string,
  now = new Date(),
): string | null {
  const payload = open(secret, sealed, now);
  return payload ? seal(secret, { ...payload, userId }) : null;
}

/** A one-time code for the user, bound to the app's challenge and redirect URI. */
export async function issueAppSignInCode(
  db: DbOrTx,
  grant: { userId: string; provider: string; codeChallenge: string; redirectUri: string },
  now = new Date(),
): Promise<string> {
  const code = generateToken();
  // The user's spent and lapsed codes are of no further use: clear them as a new one is made.
  await db.appSignInCode.deleteMany({
    where: { userId: grant.userId, OR: [{ usedAt: { not: null } }, { expiresAt: { lte: now } }] },
  });
  await db.appSignInCode.create({
    data: {
      codeHash: hashToken(code),
      userId: grant.userId,
      provider: grant.provider,
      codeChallenge: grant.codeChallenge,
      redirectUri: grant.redirectUri,
      createdAt: now,
      expiresAt: new Date(now.getTime() + APP_SIGN_IN_CODE_MINUTES * MINUTE),
    },
  });
  return code;
}

/**
 * Use a code: one conditional UPDATE, so of two requests racing with the same code only one gets
 * it. What it was bound to comes back for the caller to check; the code is spent either way, so
 * a wrong verifier cannot be followed by a right one. Null for unknown, expired and used codes.
 */
export async function consumeAppSignInCode(db: DbOrTx, code: string, now = new Date()) {
  if (!TOKEN_PATTERN.test(code)) return null;
  const rows = await db.appSignInCode.updateManyAndReturn({
    where: { codeHash: hashToken(code), usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
    select: { userId: true, provider: true, codeChallenge: true, redirectUri: true },
  });
  return rows.length === 1 ? (rows[0] ?? null) : null;
}

/** Whether base64url(SHA-256(verifier)) is the challenge (RFC 7636 S256), compared in constant time. */
export function pkceVerifierMatches(codeVerifier: string, codeChallenge: string): boolean {
  const computed = Buffer.from(createHash("sha256").update(codeVerifier, "ascii").digest("base64url"));
  const expected = Buffer.from(codeChallenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}
