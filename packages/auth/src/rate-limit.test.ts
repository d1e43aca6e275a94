import { randomBytes } from "node:crypto";

import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { scratchRedis } from "../test/scratch-redis.ts";
import {
  createRateLimiter,
  ipKey,
  RATE_LIMIT_POLICIES,
  RateLimitedError,
  rateLimiterFromEnv,
  type RateLimitedAction,
  type RateLimiter,
  type RateLimitPolicies,
  type RateLimitSubject,
} from "./rate-limit.ts";
import { createRedisClient, whenRedisReady } from "./redis.ts";

const REDIS_URL = "redis://127.0.0.1:6379";
// Every key this run writes starts with this, so cleanup cannot touch anyone else's keys.
const runPrefix = `test:rate-limit:${randomBytes(6).toString("hex")}`;

// Small limits so nothing waits on a clock. Account windows are longer than IP windows, so a
// retryAfterSeconds above 60 shows it came from the account key.
const IP = { points: 4, durationSeconds: 60 };
const ACCOUNT = { points: 2, durationSeconds: 120 };
const policies: RateLimitPolicies = {
  signIn: { ip: IP, account: ACCOUNT },
  signUp: { ip: IP },
  passwordReset: { ip: IP, account: ACCOUNT },
  magicLink: { ip: IP, account: ACCOUNT },
  apiRequest: { ip: IP, account: ACCOUNT },
};

let redis: Redis;
let prefixes = 0;
const freshPrefix = () => `${runPrefix}:${++prefixes}`;

beforeAll(async () => {
  // The same options as production, and connected before any test: otherwise the first commands
  // would quietly go to the insurance limiter and the Redis tests would test memory.
  redis = new Redis(REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  await redis.connect();
});

afterAll(async () => {
  if (!redis) return;
  let cursor = "0";
  for (let round = 0; round < 10_000; round++) {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${runPrefix}:*`, "COUNT", 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
    if (cursor === "0") break;
  }
  await redis.quit();
});

/** The error a refused check throws; fails the test when the check is allowed or fails otherwise. */
async function refusal(limiter: RateLimiter, action: RateLimitedAction, subject: RateLimitSubject) {
  const error = await limiter.check(action, subject).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error, `${action} ${JSON.stringify(subject)} should be refused`).toBeInstanceOf(RateLimitedError);
  return error as RateLimitedError;
}

async function allowTimes(
  limiter: RateLimiter,
  action: RateLimitedAction,
  subject: RateLimitSubject,
  n: number,
) {
  for (let i = 0; i < n; i++) await limiter.check(action, subject);
}

describe("RATE_LIMIT_POLICIES", () => {
  it("limits every action per IP and per account", () => {
    for (const policy of Object.values(RATE_LIMIT_POLICIES)) {
      expect(policy.ip.points).toBeGreaterThan(0);
      expect(policy.account.points).toBeGreaterThan(0);
      expect(policy.account.points).toBeLessThanOrEqual(policy.ip.points);
    }
    expect(RATE_LIMIT_POLICIES.signIn).toEqual({
      ip: { points: 20, durationSeconds: 900 },
      account: { points: 5, durationSeconds: 900 },
    });
  });
});

describe("ipKey", () => {
  it("keeps IPv4 addresses and unwraps IPv4-mapped IPv6 ones", () => {
    expect(ipKey(" 203.0.113.7 ")).toBe("203.0.113.7");
    expect(ipKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("groups IPv6 addresses by /64", () => {
    expect(ipKey("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(ipKey("2001:0DB8:0001:0002:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(ipKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(ipKey("::1")).toBe("0:0:0:0::/64");
    expect(ipKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(ipKey("2001:db8:1:3::1")).not.toBe(ipKey("2001:db8:1:2::1"));
  });

  it("gives requests without an address one shared key", () => {
    expect(ipKey("")).toBe("unknown");
  });
});

describe.each([
  { backend: "memory", make: () => createRateLimiter({ keyPrefix: freshPrefix(), policies }) },
  { backend: "redis", make: () => createRateLimiter({ redis, keyPrefix: freshPrefix(), policies }) },
])("createRateLimiter ($backend)", ({ backend, make }) => {
  it("allows up to the limit, then refuses with a retry time within the window", async () => {
    const limiter = make();
    const subject = { ip: "203.0.113.1" };
    await allowTimes(limiter, "signUp", subject, IP.points);

    const error = await refusal(limiter, "signUp", subject);
    expect(error.scope).toBe("ip");
    expect(error.action).toBe("signUp");
    expect(Number.isInteger(error.retryAfterSeconds)).toBe(true);
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(IP.durationSeconds);
    // Still refused: a refusal does not reopen the window.
    await refusal(limiter, "signUp", subject);

    if (backend === "redis") {
      // The count really lives in Redis (not in the insurance limiter).
      const keys = await redis.keys(`${runPrefix}:${prefixes}:signUp:ip:*`);
      expect(keys).toHaveLength(1);
      expect(Number(await redis.get(keys[0] ?? ""))).toBe(IP.points + 2);
    }
  });

  it("limits an IP across accounts, and other IPs are unaffected", async () => {
    const limiter = make();
    for (let i = 0; i < IP.points; i++) {
      await limiter.check("signIn", { ip: "198.51.100.1", account: `user${i}@example.com` });
    }
    const error = await refusal(limiter, "signIn", { ip: "198.51.100.1", account: "new@example.com" });
    expect(error.scope).toBe("ip");
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(IP.durationSeconds);

    await limiter.check("signIn", { ip: "198.51.100.2", account: "other@example.com" });
  });

  it("limits an account across IPs", async () => {
    const limiter = make();
    for (let i = 0; i < ACCOUNT.points; i++) {
      await limiter.check("signIn", { ip: `192.0.2.${i + 1}`, account: "victim@example.com" });
    }
    const error = await refusal(limiter, "signIn", { ip: "192.0.2.200", account: "Victim@Example.com " });
    expect(error.scope).toBe("account");
    expect(error.retryAfterSeconds).toBeGreaterThan(IP.durationSeconds);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(ACCOUNT.durationSeconds);

    // The same IP may still try another account.
    await limiter.check("signIn", { ip: "192.0.2.200", account: "someone@example.com" });
  });

  it("reports the longest wait when both keys are exceeded", async () => {
    const limiter = make();
    const subject = { ip: "203.0.113.9", account: "both@example.com" };
    await allowTimes(limiter, "passwordReset", subject, ACCOUNT.points);
    // Account refused from here on; the IP runs out after IP.points attempts.
    for (let i = ACCOUNT.points; i < IP.points; i++) {
      expect((await refusal(limiter, "passwordReset", subject)).scope).toBe("account");
    }
    const error = await refusal(limiter, "passwordReset", subject);
    expect(error.scope).toBe("account");
    expect(error.retryAfterSeconds).toBeGreaterThan(IP.durationSeconds);
    // The IP key is exceeded too: a fresh account from that IP is refused by it.
    expect(
      (await refusal(limiter, "passwordReset", { ip: subject.ip, account: "x@example.com" })).scope,
    ).toBe("ip");
  });

  it("reset() clears the account counter, not the IP counter", async () => {
    const limiter = make();
    const subject = { ip: "203.0.113.20", account: "alice@example.com" };
    await allowTimes(limiter, "signIn", subject, ACCOUNT.points);
    expect((await refusal(limiter, "signIn", subject)).scope).toBe("account");

    await limiter.reset("signIn", { account: "  ALICE@example.com" });
    await limiter.check("signIn", subject);

    // IP count so far: ACCOUNT.points + 2 of IP.points.
    await allowTimes(limiter, "signIn", { ip: subject.ip }, IP.points - ACCOUNT.points - 2);
    expect((await refusal(limiter, "signIn", { ip: subject.ip })).scope).toBe("ip");
  });

  it("does not share counters between actions", async () => {
    const limiter = make();
    const subject = { ip: "203.0.113.30", account: "bob@example.com" };
    await allowTimes(limiter, "passwordReset", subject, ACCOUNT.points);
    await refusal(limiter, "passwordReset", subject);
    await allowTimes(limiter, "magicLink", subject, ACCOUNT.points);
    await refusal(limiter, "magicLink", subject);

    await allowTimes(limiter, "signUp", { ip: "203.0.113.31" }, IP.points);
    await refusal(limiter, "signUp", { ip: "203.0.113.31" });
    await limiter.check("signIn", { ip: "203.0.113.31", account: "carol@example.com" });

    // Resetting one action leaves the others' counts alone.
    await limiter.reset("passwordReset", { account: subject.account });
    await limiter.check("passwordReset", { ip: "203.0.113.32", account: subject.account });
    await refusal(limiter, "magicLink", { ip: "203.0.113.32", account: subject.account });
  });

  it("counts every address of one IPv6 /64 together", async () => {
    const limiter = make();
    for (let i = 0; i < IP.points; i++) await limiter.check("signUp", { ip: `2001:db8:aa:bb::${i + 1}` });
    expect((await refusal(limiter, "signUp", { ip: "2001:db8:aa:bb::ffff" })).scope).toBe("ip");
    await limiter.check("signUp", { ip: "2001:db8:aa:bc::1" });
  });
});

describe("rateLimiterFromEnv", () => {
  it("uses memory without REDIS_URL", async () => {
    const limiter = rateLimiterFromEnv({}, { policies });
    expect(limiter.redis).toBeUndefined();
    await allowTimes(limiter, "signUp", { ip: "203.0.113.40" }, IP.points);
    await refusal(limiter, "signUp", { ip: "203.0.113.40" });
    await limiter.close();
  });

  it("takes the REST API's per-key limit from API_RATE_LIMIT_PER_MINUTE, twice that per address", async () => {
    const limiter = rateLimiterFromEnv({ API_RATE_LIMIT_PER_MINUTE: 3 }, { keyPrefix: freshPrefix() });
    await allowTimes(limiter, "apiRequest", { ip: "203.0.113.41", account: "key:a" }, 3);
    await refusal(limiter, "apiRequest", { ip: "203.0.113.41", account: "key:a" });
    // Another key from the same address: its own 3, until the address's 6 are used.
    await allowTimes(limiter, "apiRequest", { ip: "203.0.113.41", account: "key:b" }, 2);
    await refusal(limiter, "apiRequest", { ip: "203.0.113.41", account: "key:b" });
    await limiter.close();
  });

  it("refuses a REDIS_URL that is not a redis URL", () => {
    expect(() => rateLimiterFromEnv({ REDIS_URL: "http://127.0.0.1:6379" })).toThrow(/REDIS_URL/);
  });

  it("shares counts through Redis between limiters, on the process's one client", async () => {
    const keyPrefix = freshPrefix();
    const first = rateLimiterFromEnv({ REDIS_URL }, { keyPrefix, policies });
    const second = rateLimiterFromEnv({ REDIS_URL }, { keyPrefix, policies });
    try {
      expect(second.redis).toBe(first.redis);
      const subject = { ip: "203.0.113.52" };
      await allowTimes(first, "signUp", subject, IP.points);
      expect((await refusal(second, "signUp", subject)).scope).toBe("ip");
    } finally {
      await first.close();
      await second.close();
    }
  });

  it("still limits through the insurance limiter when Redis is unreachable", async () => {
    const errors: Error[] = [];
    const limiter = rateLimiterFromEnv(
      { REDIS_URL: "redis://127.0.0.1:1" },
      { keyPrefix: freshPrefix(), policies, onRedisError: (error) => errors.push(error) },
    );
    try {
      const subject = { ip: "203.0.113.60", account: "dave@example.com" };
      await allowTimes(limiter, "signIn", subject, ACCOUNT.points);
      const error = await refusal(limiter, "signIn", subject);
      expect(error.scope).toBe("account");
      expect(error.retryAfterSeconds).toBeGreaterThan(IP.durationSeconds);

      await limiter.reset("signIn", { account: subject.account });
      await limiter.check("signIn", subject);

      // Redis really was unreachable: the connection reported its failure.
      await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0));
      expect(errors[0]?.message).toMatch(/ECONNREFUSED/);
      expect(limiter.redis?.status).not.toBe("ready");
    } finally {
      await limiter.close();
    }
  });
});

// Two app instances are two limiters on two clients of one Redis (a server of the test's own, so
// it can be stopped); each starts with a client that has not connected yet, as after a deploy.
describe("several instances on one Redis, from their first request", () => {
  const failedSignIn = (limiter: RateLimiter, account: string, attempt: number) =>
    limiter.check("signIn", { ip: `198.51.100.${attempt + 1}`, account }).then(
      () => "allowed" as const,
      (error: unknown) => {
        if (error instanceof RateLimitedError && error.scope === "account") return "refused" as const;
        throw error;
      },
    );
  /** Seven failed sign-ins for one account, alternating between the instances. */
  async function alternate(instances: [RateLimiter, RateLimiter], account: string) {
    const answers: string[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      answers.push(await failedSignIn(attempt % 2 === 0 ? instances[0] : instances[1], account, attempt));
    }
    return answers;
  }
  const FIVE_THEN_REFUSED = ["allowed", "allowed", "allowed", "allowed", "allowed", "refused", "refused"];

  it("two fresh instances share the count from the first check: the 6th failed sign-in is refused", async () => {
    const server = await scratchRedis();
    await server.start();
    const clients = [createRedisClient(server.url), createRedisClient(server.url)] as const;
    try {
      // The production limits (5 failed sign-ins per account in 15 minutes), checked at once.
      const instances = clients.map((redis) => createRateLimiter({ redis })) as [RateLimiter, RateLimiter];
      expect(clients.map((redis) => redis.status)).not.toContain("ready");
      expect(await alternate(instances, "fresh@example.com")).toEqual(FIVE_THEN_REFUSED);
    } finally {
      for (const redis of clients) redis.disconnect();
      await server.stop();
    }
  });

  it("with Redis down at the first request, each instance still refuses beyond the limit; back, the count is shared again", async () => {
    const server = await scratchRedis();
    const clients = [createRedisClient(server.url), createRedisClient(server.url)] as const;
    for (const redis of clients) redis.on("error", () => undefined);
    try {
      const instances = clients.map((redis) => createRateLimiter({ redis, policies })) as [
        RateLimiter,
        RateLimiter,
      ];
      // Down: each instance counts on its own, and refuses past the limit.
      const subject = { ip: "203.0.113.70", account: "down@example.com" };
      for (const instance of instances) {
        await allowTimes(instance, "signIn", subject, ACCOUNT.points);
        expect((await refusal(instance, "signIn", subject)).scope).toBe("account");
      }

      await server.start();
      for (const redis of clients) expect(await whenRedisReady(redis, 5_000)).toBe(true);
      // Back: one count for both, so alternating between them buys nothing.
      const shared = { ip: "203.0.113.71", account: "back@example.com" };
      for (let i = 0; i < ACCOUNT.points; i++) await instances[i % 2]?.check("signIn", shared);
      expect((await refusal(instances[0], "signIn", shared)).scope).toBe("account");
      expect((await refusal(instances[1], "signIn", shared)).scope).toBe("account");
    } finally {
      for (const redis of clients) redis.disconnect();
      await server.stop();
    }
  });
});
