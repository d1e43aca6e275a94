// The app's Redis connection (REDIS_URL): rate limits, and the web app's catalog tag clock.
import { Redis } from "ioredis";

/**
 * A client as the app uses one. Commands fail at once while it is disconnected, and within a
 * second when Redis stops answering, so callers fall back (per-process rate limits, catalog reads
 * from the database) instead of holding requests. It reconnects within a second of Redis coming
 * back: until then this instance's limits are its own.
 */
export function createRedisClient(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1_000,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  });
}

// Next loads server modules more than once per process: the client lives on globalThis, so the
// one connected at start is the one every module uses.
const CLIENTS_KEY = Symbol.for("bazaar.redisClients");
const holder = globalThis as typeof globalThis & { [CLIENTS_KEY]?: Map<string, Redis> };

/** This process's client for `url`, made (and connecting) on first use; a quit one is replaced. */
export function processRedis(url: string): Redis {
  const clients = (holder[CLIENTS_KEY] ??= new Map<string, Redis>());
  const existing = clients.get(url);
  if (existing && existing.status !== "end") return existing;
  const client = createRedisClient(url);
  let down = false;
  client.on("error", (error: Error) => {
    if (down) return;
    down = true;
    console.warn(
      `[redis] unreachable (${error.message}): rate limits are counted per process and catalog reads go to the database.`,
    );
  });
  client.on("ready", () => {
    if (down) console.warn("[redis] reachable again: rate limits and the catalog cache are shared.");
    down = false;
  });
  clients.set(url, client);
  return client;
}

/** Resolves true once `redis` is ready (at once if it is), false when `timeoutMs` pass first. */
export function whenRedisReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === "ready") return Promise.resolve(true);
  return new Promise((resolve) => {
    const ready = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      redis.off("ready", ready);
      resolve(false);
    }, timeoutMs);
    redis.once("ready", ready);
  });
}

const firstAttempts = new WeakMap<Redis, Promise<void>>();

/**
 * Settles once the client's first connection attempt has: it became ready, it failed, or
 * `timeoutMs` passed. Later calls answer at once, so only a fresh client makes anyone wait.
 */
export function firstConnectAttempt(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === "ready") return Promise.resolve();
  let attempt = firstAttempts.get(redis);
  if (!attempt) {
    attempt = new Promise<void>((resolve) => {
      const settle = () => {
        clearTimeout(timer);
        redis.off("ready", settle).off("error", settle).off("end", settle);
        resolve();
      };
      const timer = setTimeout(settle, timeoutMs);
      redis.once("ready", settle).once("error", settle).once("end", settle);
    });
    firstAttempts.set(redis, attempt);
  }
  return attempt;
}
