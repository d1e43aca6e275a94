import { processRedis, readAuthEnv } from "@bazaar/auth";

import { CacheStore } from "./store.ts";
import { memoryTagClock, redisTagClock } from "./tag-clock.ts";

/** Shared with cache-handler.js, which Next loads outside the app's bundle: same process, same key. */
export const CACHE_STORE_KEY = Symbol.for("bazaar.cacheStore");

/** What the cached catalog may take in this process's memory. */
export const CACHE_MAX_BYTES = 64 * 1024 * 1024;

const holder = globalThis as typeof globalThis & { [CACHE_STORE_KEY]?: CacheStore };

/**
 * This process's cache store, made on first use (the app makes it at start): tag invalidations in
 * memory, or in Redis when REDIS_URL is set so that every app instance stops serving a changed
 * product at once. The Redis client is the process's one (shared with the rate limits).
 */
export function processCacheStore(): CacheStore {
  holder[CACHE_STORE_KEY] ??= createProcessStore();
  return holder[CACHE_STORE_KEY];
}

function createProcessStore(): CacheStore {
  const { REDIS_URL } = readAuthEnv();
  let warned = false;
  const onError = (error: unknown) => {
    if (warned) return;
    warned = true;
    console.warn(
      `[cache] tag clock unreachable (${String(error)}); catalog reads go to the database until it is known again.`,
    );
  };
  const clock = REDIS_URL ? redisTagClock(processRedis(REDIS_URL), { onError }) : memoryTagClock();
  return new CacheStore({ clock, maxBytes: CACHE_MAX_BYTES, onError });
}
