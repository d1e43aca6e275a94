// Sessions live in the database, so signing out (or "sign out everywhere") ends them at once.
// The client holds a random token; the table holds its SHA-256.
import type { Db, DbOrTx, Role, SessionKind } from "@bazaar/db";

import type { AuthEnv } from "./env.ts";
import { generateToken, hashToken, TOKEN_PATTERN } from "./tokens.ts";

export type SessionPolicy = Pick<
  AuthEnv,
  "SESSION_IDLE_MINUTES" | "SESSION_MAX_MINUTES" | "STAFF_SESSION_IDLE_MINUTES" | "STAFF_SESSION_MAX_MINUTES"
>;

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

export interface ActiveSession {
  id: string;
  user: SessionUser;
  kind: SessionKind;
}

const MINUTE = 60_000;
/** lastUsedAt is written at most this often, so reads do not turn into a write per request. */
const TOUCH_EVERY_MS = MINUTE;

function lifetimes(policy: SessionPolicy, role: Role) {
  const staff = role !== "CUSTOMER";
  return {
    idleMs: (staff ? policy.STAFF_SESSION_IDLE_MINUTES : policy.SESSION_IDLE_MINUTES) * MINUTE,
    maxMs: (staff ? policy.STAFF_SESSION_MAX_MINUTES : policy.SESSION_MAX_MINUTES) * MINUTE,
  };
}

/** Start a session; returns the token to hand to the client (it is not stored anywhere). */
export async function createSession(
  db: DbOrTx,
  policy: SessionPolicy,
  input: { user: { id: string; role: Role }; kind: SessionKind; ip: string | null; userAgent: string | null },
  now = new Date(),
) {
  const token = generateToken();
  const session = await db.session.create({
    data: {
      sessionToken: hashToken(token),
      userId: input.user.id,
      kind: input.kind,
      createdAt: now,
      lastUsedAt: now,
      expires: new Date(now.getTime() + lifetimes(policy, input.user.role).maxMs),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 512) ?? null,
    },
    select: { id: true, expires: true },
  });
  return { token, sessionId: session.id, expires: session.expires };
}

/**
 * The live session a token names, or null: unknown, expired, or idle too long (an ended session
 * is deleted on sight). The role's lifetimes apply as they are now, so a promotion to staff
 * shortens an existing session.
 */
export async function resolveSession(
  db: Db,
  policy: SessionPolicy,
  token: string,
  now = new Date(),
): Promise<ActiveSession | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await db.session.findUnique({
    where: { sessionToken: hashToken(token) },
    select: {
      id: true,
      kind: true,
      createdAt: true,
      lastUsedAt: true,
      expires: true,
      user: { select: { id: true, email: true, name: true, role: true } },
    },
  });
  if (!row) return null;
  const { idleMs, maxMs } = lifetimes(policy, row.user.role);
  const ended =
    now >= row.expires ||
    now.getTime() - row.createdAt.getTime() >= maxMs ||
    now.getTime() - row.lastUsedAt.getTime() >= idleMs;
  if (ended) {
    await db.session.deleteMany({ where: { id: row.id } });
    return null;
  }
  if (now.getTime() - row.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    await db.session.updateMany({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { id: row.id, kind: row.kind, user: row.user };
}

/** The user's sessions, newest use first, for the "where you're signed in" page. */
export function listSessions(db: DbOrTx, userId: string) {
  return db.session.findMany({
    where: { userId },
    select: {
      id: true,
      kind: true,
      createdAt: true,
      lastUsedAt: true,
      userAgent: true,
      ip: true,
      expires: true,
    },
    orderBy: { lastUsedAt: "desc" },
  });
}

/** End one of the user's own sessions; false when there is no such session of theirs. */
export async function revokeSession(db: DbOrTx, userId: string, sessionId: string): Promise<boolean> {
  const { count } = await db.session.deleteMany({ where: { id: sessionId, userId } });
  return count === 1;
}

/** End every session of the user except `keep` (all of them when `keep` is null). */
export async function revokeSessions(db: DbOrTx, userId: string, keep: string | null): Promise<number> {
  const { count } = await db.session.deleteMany({
    where: { userId, ...(keep ? { id: { not: keep } } : {}) },
  });
  return count;
}
