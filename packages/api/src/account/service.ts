// Account rules: sign-up with email verification, password and magic-link sign-in, password
// reset and change, sign-out, the user's own sessions, and their privacy rights (export, delete).
//
// Answers never reveal whether an address has an account: sign-up, reset and magic-link
// requests all say "check your mail", and the mail itself tells the owner what happened.
import {
  consumeAppSignInCode,
  consumeAuthToken,
  createSession,
  hashPassword,
  listSessions,
  needsRehash,
  pkceVerifierMatches,
  recordAuthEvent,
  revokeSession,
  revokeSessions,
  verifyAgainstDecoy,
  verifyPassword,
  type RequestMeta,
  type SessionPolicy,
} from "@bazaar/auth";
import { Prisma, type Db, type DbOrTx, type SessionKind } from "@bazaar/db";
import { accountExistsMessage, passwordChangedMessage } from "@bazaar/mail";
import { TRPCError } from "@trpc/server";

import { fieldError, notFound } from "../errors.ts";
import { accountLink, queueAccountLink, queueMail } from "./mail.ts";

const publicUser = { id: true, email: true, name: true, role: true, emailVerified: true } as const;

/** What account rules need besides the database: what mailed links point at (mail is queued, mail.ts). */
export interface AccountDeps {
  db: Db;
  appUrl: string;
}

const CHECK_YOUR_MAIL = { status: "check-your-mail" } as const;

/** "Your password was changed": the change stands whether or not SMTP is up, and the notice waits for it. */
function queuePasswordChangedNotice(
  tx: Prisma.TransactionClient,
  appUrl: string,
  user: { id: string; email: string; name: string | null },
) {
  const message = passwordChangedMessage({
    to: user.email,
    name: user.name,
    resetUrl: accountLink(appUrl, "/forgot-password"),
  });
  return queueMail(tx, message, `password-changed:${user.id}`);
}

/**
 * Sign up: a new address gets an account and a verification link; an address that already has
 * an account gets a mail saying so. The caller sees the same answer either way.
 */
export async function signUp(
  deps: AccountDeps,
  input: { email: string; password: string; name?: string },
  meta: RequestMeta,
) {
  // Hash first on both paths, so the answer takes as long whether or not the address is known.
  const passwordHash = await hashPassword(input.password);
  const existing = await deps.db.user.findUnique({
    where: { email: input.email },
    select: { name: true },
  });
  if (existing) {
    const message = accountExistsMessage({
      to: input.email,
      name: existing.name,
      signInUrl: accountLink(deps.appUrl, "/sign-in"),
      resetUrl: accountLink(deps.appUrl, "/forgot-password"),
    });
    await deps.db.$transaction((tx) => queueMail(tx, message, `account-exists:${input.email}`));
    return CHECK_YOUR_MAIL;
  }
  try {
    await deps.db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { email: input.email, name: input.name ?? null, passwordHash },
        select: { id: true },
      });
      await recordAuthEvent(tx, { action: "sign_up", actorId: created.id, targetId: created.id }, meta);
      await queueAccountLink(tx, created.id, "VERIFY_EMAIL");
    });
  } catch (error) {
    // Two sign-ups for one address at once: the loser is told as any other duplicate would be.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
  }
  return CHECK_YOUR_MAIL;
}

/** Open the verification link: the address is confirmed. */
export async function verifyEmail(db: Db, token: string, meta: RequestMeta) {
  const userId = await consumeAuthToken(db, "VERIFY_EMAIL", token);
  if (!userId) throw expiredLink();
  const user = await db.user.update({
    where: { id: userId },
    data: { emailVerified: new Date() },
    select: { email: true },
  });
  await recordAuthEvent(db, { action: "email_verified", actorId: userId, targetId: userId }, meta);
  return { email: user.email };
}

const expiredLink = () =>
  fieldError("BAD_REQUEST", "token", "This link has expired or was already used. Ask for a new one.");

const wrongCredentials = () =>
  new TRPCError({ code: "UNAUTHORIZED", message: "That email and password do not match an account." });

/**
 * Check the password and start a session; the same answer for a wrong email or password. An
 * address not yet confirmed gets a fresh link instead (only after the right password, so this
 * reveals nothing to a guesser).
 */
export async function signInWithPassword(
  deps: AccountDeps & { policy: SessionPolicy; kind: SessionKind },
  input: { email: string; password: string },
  meta: RequestMeta,
) {
  const { db } = deps;
  const user = await db.user.findUnique({
    where: { email: input.email },
    select: { ...publicUser, passwordHash: true },
  });
  const ok = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDecoy(input.password);
  if (!user || !ok) {
    await recordAuthEvent(
      db,
      { action: "sign_in_failed", targetId: user?.id ?? null, details: { email: input.email } },
      meta,
    );
    throw wrongCredentials();
  }
  if (!user.emailVerified) {
    await db.$transaction((tx) => queueAccountLink(tx, user.id, "VERIFY_EMAIL"));
    throw fieldError(
      "FORBIDDEN",
      "email",
      "is not confirmed yet. We have sent you a new link: open it, then sign in.",
    );
  }
  // Upgrade hashes made with older settings while the plain password is at hand.
  if (user.passwordHash && needsRehash(user.passwordHash)) {
    await db.user.update({
      where: { id: user.id },
      data: { passwordHash: await hashPassword(input.password) },
    });
  }
  const { passwordHash: _hash, ...publicFields } = user;
  return startSession(deps, publicFields, "password", meta);
}

async function startSession(
  deps: { db: Db; policy: SessionPolicy; kind: SessionKind },
  user: {
    id: string;
    email: string;
    name: string | null;
    role: "CUSTOMER" | "STAFF" | "ADMIN";
    emailVerified: Date | null;
  },
  method: "password" | "magic_link" | "oauth",
  meta: RequestMeta,
  /** More for the audit log: how the sign-in came (the app's browser hand-over, its provider). */
  extra: { via: "app"; provider: string } | Record<string, never> = {},
) {
  const session = await createSession(deps.db, deps.policy, { user, kind: deps.kind, ...meta });
  await recordAuthEvent(
    deps.db,
    {
      action: "sign_in",
      actorId: user.id,
      targetId: user.id,
      details: { method, kind: deps.kind, ...extra },
    },
    meta,
  );
  return { token: session.token, expires: session.expires, user };
}

/**
 * Where sessions end wholesale (reset, password change, "sign out everywhere", first proof of the
 * mailbox), a code the app has not yet traded must not start a new one afterwards.
 */
async function dropAppSignInCodes(tx: DbOrTx, userId: string) {
  await tx.appSignInCode.deleteMany({ where: { userId } });
}

const invalidAppCode = () => fieldError("BAD_REQUEST", "code", "is invalid or has expired");

/**
 * The phone app's OAuth sign-in, last step (decision 0025): trade the one-time code the browser
 * brought back, with the PKCE verifier only the app that started the sign-in holds, for a bearer
 * session. The code is spent by the first attempt, right or wrong. One answer for every failure
 * (unknown, expired, used, wrong verifier, wrong redirect URI, deleted account), so a caller
 * learns nothing about which.
 */
export async function signInWithAppCode(
  deps: { db: Db; policy: SessionPolicy },
  input: { code: string; codeVerifier: string; redirectUri: string },
  meta: RequestMeta,
) {
  const grant = await consumeAppSignInCode(deps.db, input.code);
  if (!grant) throw invalidAppCode();
  const verified = pkceVerifierMatches(input.codeVerifier, grant.codeChallenge);
  if (!verified || input.redirectUri !== grant.redirectUri) throw invalidAppCode();
  const user = await deps.db.user.findUnique({
    where: { id: grant.userId },
    select: { ...publicUser, deletedAt: true },
  });
  if (!user || user.deletedAt) throw invalidAppCode();
  const { deletedAt: _deleted, ...publicFields } = user;
  // Always a bearer session: the code exists to hand a token to an app.
  return startSession({ ...deps, kind: "BEARER" }, publicFields, "oauth", meta, {
    via: "app",
    provider: grant.provider,
  });
}

/**
 * Opening a mailed reset or sign-in link proves the mailbox, so an unconfirmed address becomes
 * confirmed. Whatever was set up before that proof may be a squatter's (someone who signed up
 * with this address first, or linked an OAuth account whose provider did not vouch for it): the
 * password, linked sign-ins and sessions go. Returns whether this was the first proof.
 */
async function firstProofOfMailbox(tx: DbOrTx, userId: string): Promise<boolean> {
  const { count } = await tx.user.updateMany({
    where: { id: userId, emailVerified: null },
    data: { emailVerified: new Date(), passwordHash: null },
  });
  if (count === 0) return false;
  await tx.account.deleteMany({ where: { userId } });
  await tx.session.deleteMany({ where: { userId } });
  await dropAppSignInCodes(tx, userId);
  return true;
}

/** Mail a sign-in link to an existing account; unknown addresses get nothing, and the same answer. */
export async function requestMagicLink(deps: AccountDeps, email: string, meta: RequestMeta) {
  const user = await deps.db.user.findUnique({
    where: { email },
    select: { id: true, deletedAt: true },
  });
  if (user && !user.deletedAt) {
    await deps.db.$transaction(async (tx) => {
      await queueAccountLink(tx, user.id, "MAGIC_LINK");
      await recordAuthEvent(tx, { action: "magic_link_requested", targetId: user.id }, meta);
    });
  }
  return CHECK_YOUR_MAIL;
}

/** Use a magic link: a new session, and the address counts as confirmed (the mail was opened). */
export async function signInWithMagicLink(
  deps: { db: Db; policy: SessionPolicy; kind: SessionKind },
  token: string,
  meta: RequestMeta,
) {
  const user = await deps.db.$transaction(async (tx) => {
    const userId = await consumeAuthToken(tx, "MAGIC_LINK", token);
    if (!userId) throw expiredLink();
    await firstProofOfMailbox(tx, userId);
    return tx.user.findUniqueOrThrow({ where: { id: userId }, select: publicUser });
  });
  return startSession(deps, user, "magic_link", meta);
}

/** Mail a reset link to an existing account; the same answer for any address. */
export async function requestPasswordReset(deps: AccountDeps, email: string, meta: RequestMeta) {
  const user = await deps.db.user.findUnique({
    where: { email },
    select: { id: true, deletedAt: true },
  });
  if (user && !user.deletedAt) {
    await deps.db.$transaction(async (tx) => {
      await queueAccountLink(tx, user.id, "RESET_PASSWORD");
      await recordAuthEvent(tx, { action: "password_reset_requested", targetId: user.id }, meta);
    });
  }
  return CHECK_YOUR_MAIL;
}

/** Set a new password from a reset link; every session ends, and the owner is told by mail. */
export async function resetPassword(
  deps: AccountDeps,
  input: { token: string; newPassword: string },
  meta: RequestMeta,
) {
  const passwordHash = await hashPassword(input.newPassword);
  const user = await deps.db.$transaction(async (tx) => {
    const userId = await consumeAuthToken(tx, "RESET_PASSWORD", input.token);
    if (!userId) throw expiredLink();
    await firstProofOfMailbox(tx, userId);
    const updated = await tx.user.update({
      where: { id: userId },
      data: { passwordHash },
      select: { id: true, email: true, name: true },
    });
    const ended = await revokeSessions(tx, userId, null);
    await dropAppSignInCodes(tx, userId);
    await recordAuthEvent(
      tx,
      { action: "password_reset", actorId: userId, targetId: userId, details: { sessionsEnded: ended } },
      meta,
    );
    await queuePasswordChangedNotice(tx, deps.appUrl, updated);
    return updated;
  });
  return { email: user.email };
}

export async function signOut(db: Db, session: { id: string; userId: string }, meta: RequestMeta) {
  await revokeSession(db, session.userId, session.id);
  await recordAuthEvent(db, { action: "sign_out", actorId: session.userId, targetId: session.userId }, meta);
}

/** The caller's profile; `hasPassword` tells forms whether to ask for the current password. */
export async function getUser(db: Db, userId: string) {
  const { passwordHash, ...user } = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { ...publicUser, passwordHash: true },
  });
  return { ...user, hasPassword: passwordHash !== null };
}

/** The caller's sessions, marking the one they are using now. */
export async function mySessions(db: Db, session: { id: string; userId: string }) {
  const sessions = await listSessions(db, session.userId);
  return sessions.map((s) => ({ ...s, current: s.id === session.id }));
}

export async function revokeMySession(
  db: Db,
  session: { id: string; userId: string },
  sessionId: string,
  meta: RequestMeta,
) {
  // Scoped to the caller: another user's session id is "not found", not "forbidden", so ids leak nothing.
  if (!(await revokeSession(db, session.userId, sessionId))) throw notFound("That session");
  await recordAuthEvent(
    db,
    { action: "session_revoked", actorId: session.userId, targetId: session.userId, details: { sessionId } },
    meta,
  );
}

export async function revokeAllMySessions(
  db: Db,
  session: { id: string; userId: string },
  keepCurrent: boolean,
  meta: RequestMeta,
) {
  const ended = await revokeSessions(db, session.userId, keepCurrent ? session.id : null);
  await dropAppSignInCodes(db, session.userId);
  await recordAuthEvent(
    db,
    {
      action: "sessions_revoked_all",
      actorId: session.userId,
      targetId: session.userId,
      details: { ended, keepCurrent },
    },
    meta,
  );
  return { ended };
}

/** Change the password after checking the current one; every other session ends. */
export async function changePassword(
  deps: AccountDeps,
  session: { id: string; userId: string },
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
) {
  const { db } = deps;
  const user = await db.user.findUniqueOrThrow({
    where: { id: session.userId },
    select: { passwordHash: true, email: true, name: true },
  });
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw fieldError("BAD_REQUEST", "currentPassword", "is not your current password");
  }
  const passwordHash = await hashPassword(input.newPassword);
  const result = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: session.userId }, data: { passwordHash } });
    const ended = await revokeSessions(tx, session.userId, session.id);
    await dropAppSignInCodes(tx, session.userId);
    await recordAuthEvent(
      tx,
      {
        action: "password_changed",
        actorId: session.userId,
        targetId: session.userId,
        details: { sessionsEnded: ended },
      },
      meta,
    );
    await queuePasswordChangedNotice(tx, deps.appUrl, {
      id: session.userId,
      email: user.email,
      name: user.name,
    });
    return { sessionsEnded: ended };
  });
  return result;
}

export async function updateProfile(db: Db, userId: string, input: { name: string }, meta: RequestMeta) {
  const user = await db.user.update({
    where: { id: userId },
    data: { name: input.name },
    select: publicUser,
  });
  await recordAuthEvent(db, { action: "profile_updated", actorId: userId, targetId: userId }, meta);
  return user;
}

/**
 * Everything Bazaar holds about the caller, as one JSON document (the right of access). Secrets
 * are left out: password hash, session and link token hashes, OAuth tokens.
 */
export async function exportMyData(db: Db, userId: string, meta: RequestMeta) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      ...publicUser,
      image: true,
      createdAt: true,
      updatedAt: true,
      passwordHash: true,
      accounts: { select: { provider: true, providerAccountId: true, type: true, scope: true } },
      sessions: {
        select: { kind: true, createdAt: true, lastUsedAt: true, expires: true, ip: true, userAgent: true },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  const activity = await db.auditLog.findMany({
    where: { OR: [{ actorId: userId }, { targetId: userId }] },
    select: { action: true, ip: true, userAgent: true, details: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  const orders = await db.order.findMany({
    where: { userId },
    select: {
      number: true,
      status: true,
      email: true,
      currency: true,
      subtotalAmount: true,
      shippingAmount: true,
      taxAmount: true,
      totalAmount: true,
      refundedAmount: true,
      createdAt: true,
      paidAt: true,
      fulfilledAt: true,
      cancelledAt: true,
      // Where it went is personal data too.
      shipName: true,
      shipLine1: true,
      shipLine2: true,
      shipCity: true,
      shipRegion: true,
      shipPostalCode: true,
      shipCountry: true,
      shippingMethod: true,
      carrier: true,
      trackingNumber: true,
      lines: {
        select: { productName: true, variantName: true, sku: true, unitAmount: true, quantity: true },
      },
    },
    orderBy: { createdAt: "asc" },
  });
  await recordAuthEvent(db, { action: "data_exported", actorId: userId, targetId: userId }, meta);
  const { passwordHash, accounts, sessions, ...profile } = user;
  return {
    exportedAt: new Date(),
    profile: { ...profile, hasPassword: passwordHash !== null },
    signInMethods: accounts,
    sessions,
    orders,
    activity,
  };
}

/**
 * Delete the caller's account (the right to erasure). Sessions, linked sign-ins and pending links
 * go; the user row stays, with every personal field cleared, so that records kept for accounting
 * (orders) still point at something; the audit trail loses its IPs, user agents and details.
 */
export async function deleteMyAccount(
  db: Db,
  userId: string,
  input: { confirmEmail: string; password?: string | undefined },
) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, passwordHash: true, role: true },
  });
  if (input.confirmEmail !== user.email) {
    throw fieldError("BAD_REQUEST", "confirmEmail", "must be your account's email address");
  }
  if (user.passwordHash && !(input.password && (await verifyPassword(user.passwordHash, input.password)))) {
    throw fieldError("BAD_REQUEST", "password", "is not your current password");
  }
  await db.$transaction(async (tx) => {
    const admins =
      user.role === "ADMIN"
        ? await tx.$queryRaw<{ id: string }[]>`
            SELECT id FROM "User" WHERE role = 'ADMIN' AND "deletedAt" IS NULL FOR UPDATE`
        : [];
    if (user.role === "ADMIN" && admins.length <= 1) {
      throw new TRPCError({
        code: "CONFLICT",
        message: "You are the shop's only admin: make someone else an admin before deleting your account.",
      });
    }
    await tx.session.deleteMany({ where: { userId } });
    await tx.account.deleteMany({ where: { userId } });
    await tx.authToken.deleteMany({ where: { userId } });
    await dropAppSignInCodes(tx, userId);
    await tx.user.update({
      where: { id: userId },
      data: {
        email: `deleted-${userId}@deleted.invalid`,
        name: null,
        image: null,
        passwordHash: null,
        emailVerified: null,
        role: "CUSTOMER",
        deletedAt: new Date(),
      },
    });
    // Orders stay for the accounts (amounts, lines, dates); who placed them does not.
    await tx.order.updateMany({ where: { userId }, data: { email: `deleted-${userId}@deleted.invalid` } });
    await tx.auditLog.updateMany({
      where: { OR: [{ actorId: userId }, { targetId: userId }] },
      data: { ip: null, userAgent: null, details: {} },
    });
    // The deletion itself is recorded without the request's IP or user agent.
    await recordAuthEvent(
      tx,
      { action: "account_deleted", actorId: userId, targetId: userId },
      { ip: null, userAgent: null },
    );
  });
}
