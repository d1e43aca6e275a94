// Account rules: sign-up, password sign-in (the bearer-token path the mobile app uses), sign-out,
// password changes and the user's view of their own sessions.
import {
  createSession,
  hashPassword,
  listSessions,
  needsRehash,
  recordAuthEvent,
  revokeSession,
  revokeSessions,
  verifyAgainstDecoy,
  verifyPassword,
  type RequestMeta,
  type SessionPolicy,
} from "@bazaar/auth";
import { Prisma, type Db } from "@bazaar/db";
import { TRPCError } from "@trpc/server";

import { fieldError, notFound } from "../errors.ts";

const publicUser = { id: true, email: true, name: true, role: true, emailVerified: true } as const;

export async function signUp(
  db: Db,
  input: { email: string; password: string; name?: string },
  meta: RequestMeta,
) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name ?? null, passwordHash },
        select: publicUser,
      });
      await recordAuthEvent(tx, { action: "sign_up", actorId: user.id, targetId: user.id }, meta);
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw fieldError("CONFLICT", "email", "already has an account; sign in or reset your password");
    }
    throw error;
  }
}

const wrongCredentials = () =>
  new TRPCError({ code: "UNAUTHORIZED", message: "That email and password do not match an account." });

/** Check the password and start a bearer session; the same answer for a wrong email or password. */
export async function signInWithPassword(
  db: Db,
  policy: SessionPolicy,
  input: { email: string; password: string },
  meta: RequestMeta,
) {
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
  // Upgrade hashes made with older settings while the plain password is at hand.
  if (user.passwordHash && needsRehash(user.passwordHash)) {
    await db.user.update({
      where: { id: user.id },
      data: { passwordHash: await hashPassword(input.password) },
    });
  }
  const session = await createSession(db, policy, { user, kind: "BEARER", ...meta });
  await recordAuthEvent(
    db,
    { action: "sign_in", actorId: user.id, targetId: user.id, details: { kind: "BEARER" } },
    meta,
  );
  const { passwordHash: _hash, ...publicFields } = user;
  return { token: session.token, expires: session.expires, user: publicFields };
}

export async function signOut(db: Db, session: { id: string; userId: string }, meta: RequestMeta) {
  await revokeSession(db, session.userId, session.id);
  await recordAuthEvent(db, { action: "sign_out", actorId: session.userId, targetId: session.userId }, meta);
}

export function getUser(db: Db, userId: string) {
  return db.user.findUniqueOrThrow({ where: { id: userId }, select: publicUser });
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
  db: Db,
  session: { id: string; userId: string },
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: session.userId },
    select: { passwordHash: true },
  });
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw fieldError("BAD_REQUEST", "currentPassword", "is not your current password");
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: session.userId }, data: { passwordHash } });
    const ended = await revokeSessions(tx, session.userId, session.id);
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
    return { sessionsEnded: ended };
  });
}
