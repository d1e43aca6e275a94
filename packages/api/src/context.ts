import { randomUUID } from "node:crypto";
import {
  rateLimiterFromEnv,
  type RateLimiter,
  readAuthEnv,
  resolveSession,
  TOKEN_PATTERN,
  type ActiveSession,
  type SessionPolicy,
} from "@bazaar/auth";
import type { Db } from "@bazaar/db";
import { TRPCError } from "@trpc/server";

import { logger, type Logger } from "./logger.ts";

/** Who is calling: a live session from the database, or null for an anonymous caller. */
export type Session = ActiveSession | null;

export interface Context {
  db: Db;
  session: Session;
  requestId: string;
  log: Logger;
  ip: string | null;
  userAgent: string | null;
  sessionPolicy: SessionPolicy;
  rateLimiter: RateLimiter;
}

/** The cookie the web app keeps the session token in (`__Host-` outside development). */
export const SESSION_COOKIE = { secure: "__Host-bazaar.session", dev: "bazaar.session" } as const;

let policy: SessionPolicy | undefined;
// One limiter per process: in memory, or Redis-backed when REDIS_URL is set.
let processRateLimiter: RateLimiter | undefined;

/** The token the caller presents: `Authorization: Bearer <token>` (mobile) or the session cookie. */
function presentedToken(headers: Headers): string | null {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const token = /^Bearer ([^\s]+)$/.exec(authorization)?.[1];
    // A malformed header is a client bug or a probe: say so, rather than treating it as anonymous.
    if (!token || !TOKEN_PATTERN.test(token)) {
      throw new TRPCError({
        code: "UNAUTHORIZED",
        message: "The Authorization header must be `Bearer <token>`.",
      });
    }
    return token;
  }
  const cookies = headers.get("cookie") ?? "";
  for (const part of cookies.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE.secure || name === SESSION_COOKIE.dev) return value.join("=");
  }
  return null;
}

/** Build the per-request context; the caller owns the database client (one per process). */
export async function createContext(options: {
  db: Db;
  headers: Headers;
  /** Tests pass their own; the app uses the process's. */
  rateLimiter?: RateLimiter;
}): Promise<Context> {
  const { headers } = options;
  // Accept a well-formed id from a trusted proxy so logs join up; otherwise make one.
  const incoming = headers.get("x-request-id");
  const requestId = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
  // Read once per process, not per request.
  if (!policy || !processRateLimiter) {
    const authEnv = readAuthEnv();
    policy = authEnv;
    processRateLimiter = rateLimiterFromEnv(authEnv);
  }
  const token = presentedToken(headers);
  const session = token ? await resolveSession(options.db, policy, token) : null;
  return {
    db: options.db,
    session,
    requestId,
    log: logger.child({ requestId }),
    // The first hop of X-Forwarded-For, as set by the proxy in front of the app.
    ip: headers.get("x-forwarded-for")?.split(",")[0]?.trim().slice(0, 64) ?? null,
    userAgent: headers.get("user-agent")?.slice(0, 512) ?? null,
    sessionPolicy: policy,
    rateLimiter: options.rateLimiter ?? processRateLimiter,
  };
}
