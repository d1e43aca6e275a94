// The store behind Next's cache: tag invalidation, the read-versus-write race, the memory bound,
// and several app instances agreeing through the local Redis.
import { randomUUID } from "node:crypto";

import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";

import BazaarCacheHandler from "../../../cache-handler.js";
import { CACHE_STORE_KEY } from "./process-store.ts";
import { CacheStore } from "./store.ts";
import { memoryTagClock, redisTagClock, type TagClock } from "./tag-clock.ts";

const REDIS_URL = "redis://127.0.0.1:6379";

/** A clock the test moves by hand, so that "before" and "after" are never a matter of timing. */
function manualTime(start = 1_000) {
  let now = start;
  return { now: () => now, tick: (ms = 1) => (now += ms) };
}

function memoryStore(time = manualTime(), maxBytes = 1_000_000, clock: TagClock = memoryTagClock()) {
  return new CacheStore({ clock, maxBytes, now: time.now });
}

describe("CacheStore", () => {
  it("serves an entry until one of its tags is invalidated, and only those", async () => {
    const time = manualTime();
    const store = memoryStore(time);
    await store.get("tee");
    store.set("tee", "price 1500", ["product:tee", "catalog"]);
    store.set("boot", "price 9000", ["product:boot", "catalog"]);
    time.tick();
    expect((await store.get("tee"))?.value).toBe("price 1500");

    await store.invalidate(["product:tee"]);
    time.tick();
    expect(await store.get("tee")).toBeNull();
    expect((await store.get("boot"))?.value).toBe("price 9000");

    await store.invalidate(["catalog"]);
    expect(await store.get("boot")).toBeNull();
  });

  it("checks the tags a caller adds at read time too (the page's own tags)", async () => {
    const time = manualTime();
    const store = memoryStore(time);
    store.set("tee", "x", ["product:tee"]);
    time.tick();
    await store.invalidate(["_N_T_/products/tee"]);
    expect(await store.get("tee")).not.toBeNull();
    expect(await store.get("tee", ["_N_T_/products/tee"])).toBeNull();
  });

  it("a value read before an invalidation but stored after it is already stale", async () => {
    const time = manualTime();
    const store = memoryStore(time);
    expect(await store.get("tee")).toBeNull(); // a reader goes to the database...
    time.tick();
    await store.invalidate(["product:tee"]); // ...staff change the price meanwhile...
    time.tick();
    store.set("tee", "old price", ["product:tee"]); // ...and the reader stores what it read.
    time.tick();
    expect(await store.get("tee")).toBeNull();

    // The next reader starts after the change, so what it stores is good.
    time.tick();
    store.set("tee", "new price", ["product:tee"]);
    time.tick();
    expect((await store.get("tee"))?.value).toBe("new price");
  });

  it("an invalidation in the same millisecond as the read counts as after it", async () => {
    const time = manualTime();
    const store = memoryStore(time);
    await store.get("tee");
    store.set("tee", "x", ["product:tee"]);
    await store.invalidate(["product:tee"]);
    expect(await store.get("tee")).toBeNull();
  });

  it("keeps within its memory bound, dropping the least recently used", async () => {
    const store = memoryStore(manualTime(), 10_000);
    const value = "x".repeat(500); // ~1,000 bytes each
    for (let i = 0; i < 50; i++) store.set(`k${i}`, { value }, ["catalog"]);
    expect(store.size).toBeLessThanOrEqual(10);
    expect(store.size).toBeGreaterThan(0);
    expect(await store.get("k0")).toBeNull();
    expect(await store.get("k49")).not.toBeNull();
  });

  it("forgets a deleted key", async () => {
    const store = memoryStore();
    store.set("tee", "x", []);
    store.delete("tee");
    expect(await store.get("tee")).toBeNull();
  });
});

describe("several app instances through Redis", () => {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const hash = `bazaar:test:cache-tags:${randomUUID()}`;
  afterAll(async () => {
    await redis.del(hash);
    redis.disconnect();
  });

  it("an invalidation on one instance makes the others' entries stale", async () => {
    const time = manualTime(Date.now());
    const a = memoryStore(time, 1_000_000, redisTagClock(redis, hash));
    const b = memoryStore(time, 1_000_000, redisTagClock(redis, hash));
    for (const store of [a, b]) store.set("tee", "price 1500", ["product:tee"]);
    time.tick();
    await a.invalidate(["product:tee"]);
    time.tick();
    expect(await a.get("tee")).toBeNull();
    expect(await b.get("tee")).toBeNull();
  });

  it("never moves an invalidation backwards (a clock behind the others)", async () => {
    const clock = redisTagClock(redis, hash);
    await clock.invalidate(["product:boot"], 5_000);
    await clock.invalidate(["product:boot"], 4_000);
    expect(await clock.latest(["product:boot", "product:unknown"])).toBe(5_000);
    expect(await clock.latest([])).toBe(0);
  });

  it("with Redis unreachable, reads miss rather than risk a stale price, and writes do not throw", async () => {
    const down = new Redis("redis://127.0.0.1:1", {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    down.on("error", () => undefined);
    const errors: unknown[] = [];
    const store = new CacheStore({
      clock: redisTagClock(down, hash),
      maxBytes: 1_000_000,
      onError: (error) => errors.push(error),
    });
    store.set("tee", "x", ["product:tee"]);
    expect(await store.get("tee")).toBeNull();
    store.set("boot", "y", ["product:boot"]);
    await expect(store.invalidate(["product:tee"])).resolves.toBeUndefined();
    expect(store.size).toBe(0);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    down.disconnect();
  });
});

describe("cache-handler.js (what Next calls)", () => {
  const holder = globalThis as Record<symbol, unknown>;

  it("caches nothing before the app has made its store", async () => {
    delete holder[CACHE_STORE_KEY];
    const handler = new BazaarCacheHandler();
    await handler.set("k", { kind: "FETCH" }, { tags: ["catalog"] });
    expect(await handler.get("k", { kind: "FETCH" })).toBeNull();
  });

  it("stores with the read's tags or the page's, and honours revalidateTag", async () => {
    const time = manualTime();
    holder[CACHE_STORE_KEY] = memoryStore(time);
    try {
      const handler = new BazaarCacheHandler();
      expect(await handler.get("data", { kind: "FETCH", tags: ["product:tee"] })).toBeNull();
      await handler.set("data", { kind: "FETCH", data: { body: "1" } }, { tags: ["product:tee"] });
      await handler.set("page", { kind: "APP_PAGE", headers: { "x-next-cache-tags": "catalog,_N_T_/" } }, {});
      time.tick();
      expect(await handler.get("data", { kind: "FETCH", tags: ["product:tee"] })).toMatchObject({
        value: { data: { body: "1" } },
        lastModified: 1_000,
      });
      expect(await handler.get("page", { kind: "APP_PAGE" })).not.toBeNull();

      await handler.revalidateTag("catalog");
      await handler.revalidateTag(["product:tee"]);
      time.tick();
      expect(await handler.get("data", { kind: "FETCH", tags: ["product:tee"] })).toBeNull();
      expect(await handler.get("page", { kind: "APP_PAGE" })).toBeNull();

      await handler.set("gone", { kind: "FETCH" }, { tags: [] });
      await handler.set("gone", null, {});
      expect(await handler.get("gone", { kind: "FETCH" })).toBeNull();
    } finally {
      delete holder[CACHE_STORE_KEY];
    }
  });
});
