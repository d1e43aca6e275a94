import { isIPv6 } from "node:net";

import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { RateLimiterAbstract } from "rate-limiter-flexible";

import { readAuthEnv } from "./env.ts";
import { firstConnectAttempt, processRedis } from "./redis.ts";

export type RateLimitedAction = "signIn" | "signUp" | "passwordReset" | "magicLink" | "apiRequest";
export type RateLimitScope = "ip" | "account";

/** At most `points` requests per `durationSeconds` (a fixed window that starts at the first request). */
export interface RateLimit {
  points: number;
  durationSeconds: number;
}

export interface RateLimitPolicy {
  ip: RateLimit;
  /** Counted per normalised (trimmed, lower-case) email, whichever IP the request comes from. */
  account?: RateLimit;
}

export type RateLimitPolicies = Record<RateLimitedAction, RateLimitPolicy>;

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/**
 * The limits, in one place so that tests and docs read the same numbers.
 *
 * The IP limit stops one client spraying many accounts; the account limit stops a guesser spread
 * over many IPs, and stops anyone flooding one mailbox with reset links, magic links or sign-up
 * mail. For sign-in the caller resets the account counter after a success, so it counts failures.
 */
export const RATE_LIMIT_POLICIES = {
  signIn: {
    ip: { points: 20, durationSeconds: 15 * MINUTE },
    account: { points: 5, durationSeconds: 15 * MINUTE },
  },
  signUp: {
    ip: { points: 5, durationSeconds: HOUR },
    account: { points: 3, durationSeconds: HOUR },
  },
  passwordReset: {
    ip: { points: 5, durationSeconds: HOUR },
    account: { points: 3, durationSeconds: HOUR },
  },
  magicLink: {
    ip: { points: 5, durationSeconds: HOUR },
    account: { points: 3, durationSeconds: HOUR },
  },
  // REST calls (/api/v1): the account is the API key, so one busy integration cannot starve the
  // others; the address limit bounds one host presenting many keys.
  apiRequest: {
    ip: { points: 1_200, durationSeconds: MINUTE },
    account: { points: 600, durationSeconds: MINUTE },
  },
} as const satisfies RateLimitPolicies;

/** A request refused by a limit; map it to HTTP 429 / tRPC TOO_MANY_REQUESTS with Retry-After. */
export class RateLimitedError extends Error {
  override name = "RateLimitedError";
  readonly action: RateLimitedAction;
  /** The key that refused the request (the one with the longest wait when both did). */
  readonly scope: RateLimitScope;
  /** Whole seconds, at least 1, until every exceeded key allows a request again. */
  readonly retryAfterSeconds: number;

  constructor(action: RateLimitedAction, scope: RateLimitScope, retryAfterSeconds: number) {
    super(`Too many attempts. Try again in ${describeWait(retryAfterSeconds)}.`);
    this.action = action;
    this.scope = scope;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

export interface RateLimitSubject {
  ip: string;
  /** The email the request is about, when there is one. */
  account?: string | null;
}

export interface RateLimiter {
  /** Count one request against every key that applies; throws RateLimitedError when one is exceeded. */
  check(action: RateLimitedAction, subject: RateLimitSubject): Promise<void>;
  /** Forget the account's count for this action, e.g. after a successful sign-in. */
  reset(action: RateLimitedAction, subject: { account: string }): Promise<void>;
}

/**
 * How long a check on a fresh instance waits for its Redis client's first connection, rather than
 * counting in a memory limiter that knows nothing of the other instances.
 */
const FIRST_CONNECT_WAIT_MS = 2_000;

export interface CreateRateLimiterOptions {
  /**
   * Share counters between processes; without it each process counts on its own. While it is
   * unreachable, each process applies the same limits on its own (never unlimited).
   */
  redis?: Redis;
  keyPrefix?: string;
  /** Replace some actions' limits (tests use small ones). */
  policies?: Partial<RateLimitPolicies>;
}

interface Counter {
  limiter: RateLimiterAbstract;
  /** The memory limiter standing in while Redis is unreachable (Redis only). */
  insurance?: RateLimiterMemory;
}

export function createRateLimiter(options: CreateRateLimiterOptions = {}): RateLimiter {
  const { redis, keyPrefix = "bazaar:rate-limit" } = options;
  const policies: RateLimitPolicies = { ...RATE_LIMIT_POLICIES, ...options.policies };

  const counter = (action: RateLimitedAction, scope: RateLimitScope, limit: RateLimit): Counter => {
    const settings = {
      keyPrefix: `${keyPrefix}:${action}:${scope}`,
      points: limit.points,
      duration: limit.durationSeconds,
    };
    if (!redis) return { limiter: new RateLimiterMemory(settings) };
    // Failing open would switch brute-force protection off whenever Redis is down; the memory
    // limiter keeps the same limits per process instead.
    const insurance = new RateLimiterMemory(settings);
    const limiter = new RateLimiterRedis({
      ...settings,
      storeClient: redis,
      // Go to the insurance limiter at once rather than queueing behind a reconnect.
      rejectIfRedisNotReady: true,
      insuranceLimiter: insurance,
    });
    return { limiter, insurance };
  };

  const counters = new Map<string, Counter>();
  for (const [action, policy] of Object.entries(policies) as [RateLimitedAction, RateLimitPolicy][]) {
    counters.set(`${action}:ip`, counter(action, "ip", policy.ip));
    if (policy.account) counters.set(`${action}:account`, counter(action, "account", policy.account));
  }

  return {
    async check(action, subject) {
      if (redis) await firstConnectAttempt(redis, FIRST_CONNECT_WAIT_MS);
      const targets: { scope: RateLimitScope; counter: Counter; key: string }[] = [];
      const ip = counters.get(`${action}:ip`);
      if (!ip) throw new Error(`No rate limit policy for action "${action}".`);
      targets.push({ scope: "ip", counter: ip, key: ipKey(subject.ip) });
      const account = counters.get(`${action}:account`);
      const accountKey = subject.account ? normaliseAccount(subject.account) : "";
      if (account && accountKey) targets.push({ scope: "account", counter: account, key: accountKey });

      // Consume on every key even when one refuses, so that each key counts every attempt.
      const results = await Promise.allSettled(targets.map((t) => t.counter.limiter.consume(t.key)));
      let refused: { scope: RateLimitScope; ms: number } | undefined;
      for (const [index, result] of results.entries()) {
        if (result.status === "fulfilled") continue;
        // Anything but a refusal means both Redis and the insurance limiter failed: fail closed.
        if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
        const ms = result.reason.msBeforeNext;
        const target = targets[index];
        if (target && (!refused || ms > refused.ms)) refused = { scope: target.scope, ms };
      }
      if (refused) {
        throw new RateLimitedError(action, refused.scope, Math.max(1, Math.ceil(refused.ms / 1000)));
      }
    },

    async reset(action, subject) {
      const account = counters.get(`${action}:account`);
      const key = normaliseAccount(subject.account);
      if (!account || !key) return;
      await account.limiter.delete(key);
      // Attempts counted during a Redis outage live in the insurance limiter; clear those too.
      await account.insurance?.delete(key);
    },
  };
}

function normaliseAccount(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * One key per IPv4 address, one per IPv6 /64: a single host usually holds a whole /64, so per-address
 * keys would let it rotate through addresses and never be limited.
 */
export function ipKey(ip: string): string {
  const value = ip.trim().toLowerCase();
  // Without an address (a misconfigured proxy) everyone shares one key: stricter, never unlimited.
  if (!value) return "unknown";
  const mappedV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
  if (mappedV4?.[1]) return mappedV4[1];
  if (!isIPv6(value)) return value;

  const address = value.split("%")[0] ?? value;
  const [head = "", tail] = address.split("::");
  const groups = (part: string) => (part ? part.split(":") : []);
  const tailGroups = tail === undefined ? [] : groups(tail);
  // A dotted IPv4 tail takes the room of two groups.
  const tailSize = tailGroups.reduce((size, group) => size + (group.includes(".") ? 2 : 1), 0);
  const zeros = tail === undefined ? [] : Array<string>(8 - groups(head).length - tailSize).fill("0");
  const prefix = [...groups(head), ...zeros, ...tailGroups]
    .slice(0, 4)
    .map((group) => (group.includes(".") ? group : Number.parseInt(group, 16).toString(16)));
  return `${prefix.join(":")}::/64`;
}

export interface EnvRateLimiter extends RateLimiter {
  /** The Redis connection when REDIS_URL is set, for health checks. */
  readonly redis?: Redis;
  /** Quit the process's Redis client (shared with the catalog cache's clock) so the process can exit. */
  close(): Promise<void>;
}

/**
 * The limiter the app uses: memory when REDIS_URL is unset (one process), Redis when it is set.
 * `onRedisError` hears every Redis connection error; the first of each outage is logged anyway
 * (processRedis), because limits then fall back to per-process counts.
 */
export function rateLimiterFromEnv(
  env: { REDIS_URL?: string; API_RATE_LIMIT_PER_MINUTE?: number },
  options: Omit<CreateRateLimiterOptions, "redis"> & { onRedisError?: (error: Error) => void } = {},
): EnvRateLimiter {
  const { onRedisError, ...configured } = options;
  const perKey = env.API_RATE_LIMIT_PER_MINUTE;
  const limiterOptions: typeof configured = perKey
    ? {
        ...configured,
        policies: {
          apiRequest: {
            ip: { points: 2 * perKey, durationSeconds: MINUTE },
            account: { points: perKey, durationSeconds: MINUTE },
          },
          ...configured.policies,
        },
      }
    : configured;
  if (!env.REDIS_URL) {
    return { ...createRateLimiter(limiterOptions), close: () => Promise.resolve() };
  }
  // The URL rule lives in env.ts; callers that did not read the env through it are checked here.
  readAuthEnv({ REDIS_URL: env.REDIS_URL });

  // The process's one client: the app connects it at start (instrumentation), before any check.
  const redis = processRedis(env.REDIS_URL);
  if (onRedisError) redis.on("error", onRedisError);

  return {
    ...createRateLimiter({ ...limiterOptions, redis }),
    redis,
    async close() {
      // QUIT needs a connection; while reconnecting, disconnect() is what stops the retries.
      if (redis.status === "ready") await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}
