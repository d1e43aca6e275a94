// The store behind Next's cache: tag invalidation, the read-versus-write race, the memory bound,
// and several app instances agreeing through Redis: the local one, and one of the test's own that
// it stops and starts to show that no invalidation is lost.
import { randomUUID } from "node:crypto";

import { createRedisClient, whenRedisReady } from "@bazaar/auth";
import { scratchRedis, type ScratchRedis } from "@bazaar/auth/testing";
import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

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
    await store.get("boot");
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
    await store.get("tee");
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

  it("keeps no value it cannot date: none without a miss, and one miss dates one value", async () => {
    const time = manualTime();
    const store = memoryStore(time);
    store.set("tee", "never asked for", ["product:tee"]);
    time.tick();
    expect(await store.get("tee")).toBeNull();

    // Two readers miss at once; the price changes; both store what they read before the change.
    time.tick();
    await store.get("boot");
    time.tick();
    await store.invalidate(["product:boot"]);
    time.tick();
    await store.get("boot"); // the second reader starts after the change: its miss keeps the first's time
    time.tick();
    store.set("boot", "old price", ["product:boot"]); // the first reader's value
    time.tick();
    store.set("boot", "old price", ["product:boot"]); // a second store of a read already stored
    time.tick();
    expect(await store.get("boot")).toBeNull();
  });

  it("keeps within its memory bound, dropping the least recently used", async () => {
    const store = memoryStore(manualTime(), 10_000);
    const value = "x".repeat(500); // ~1,000 bytes each
    for (let i = 0; i < 50; i++) {
      await store.get(`k${i}`);
      store.set(`k${i}`, { value }, ["catalog"]);
    }
    expect(store.size).toBeLessThanOrEqual(10);
    expect(store.size).toBeGreaterThan(0);
    expect(await store.get("k0")).toBeNull();
    expect(await store.get("k49")).not.toBeNull();
  });

  it("forgets a deleted key", async () => {
    const store = memoryStore();
    await store.get("tee");
    store.set("tee", "x", []);
    expect(await store.get("tee")).not.toBeNull();
    await store.get("tee");
    store.delete("tee");
    expect(await store.get("tee")).toBeNull();
  });
});

describe("several app instances through Redis", () => {
  const redis = createRedisClient(REDIS_URL);
  const hash = `bazaar:test:cache-tags:${randomUUID()}`;
  afterAll(async () => {
    await redis.del(hash);
    redis.disconnect();
  });

  it("an invalidation on one instance makes the others' entries stale", async () => {
    expect(await whenRedisReady(redis, 5_000)).toBe(true);
    const time = manualTime(Date.now());
    const a = memoryStore(time, 1_000_000, redisTagClock(redis, { hash }));
    const b = memoryStore(time, 1_000_000, redisTagClock(redis, { hash }));
    for (const store of [a, b]) {
      await store.get("tee");
      store.set("tee", "price 1500", ["product:tee"]);
    }
    time.tick();
    expect((await b.get("tee"))?.value).toBe("price 1500");
    await a.invalidate(["product:tee"]);
    time.tick();
    expect(await a.get("tee")).toBeNull();
    expect(await b.get("tee")).toBeNull();
  });

  it("never moves an invalidation backwards (a clock behind the others)", async () => {
    expect(await whenRedisReady(redis, 5_000)).toBe(true);
    const clock = redisTagClock(redis, { hash });
    await clock.invalidate(["product:boot"], 5_000);
    await clock.invalidate(["product:boot"], 4_000);
    expect(await clock.latest(["product:boot", "product:unknown"])).toBe(5_000);
    expect(await clock.latest([])).toBe(0);
  });
});

// Each instance is a store on its own client, made as the app makes them, to a Redis of the
// test's own that it stops and starts. Times are real: the instances share only Redis.
describe("instances through a Redis that is not there yet, or goes away", () => {
  const hash = "bazaar:cache:tags";
  let server: ScratchRedis;
  const clients: Redis[] = [];
  const errors: unknown[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    await server.stop();
    errors.length = 0;
  });

  /** A client as the app's, errors collected (and not printed). */
  function client(url = server.url): Redis {
    const made = createRedisClient(url).on("error", (error) => errors.push(error));
    clients.push(made);
    return made;
  }
  const instance = (redis: Redis) =>
    new CacheStore({
      clock: redisTagClock(redis, { hash, onError: (error) => errors.push(error) }),
      maxBytes: 1_000_000,
      onError: (error) => errors.push(error),
    });
  async function connectedInstance(redis = client()) {
    expect(await whenRedisReady(redis, 5_000)).toBe(true);
    return instance(redis);
  }
  /** Caches `value` as a read would, and checks that it is served. */
  async function cache(store: CacheStore, key: string, value: string) {
    expect(await store.get(key)).toBeNull();
    store.set(key, value, [`product:${key}`, "catalog"]);
    expect((await store.get(key))?.value).toBe(value);
  }
  const admin = () => {
    const made = new Redis(server.url, { maxRetriesPerRequest: 1 });
    clients.push(made);
    return made;
  };
  const recorded = async (tag: string) => Number((await admin().hget(hash, tag)) ?? 0);

  it("a fresh instance whose client has not connected yet records its first invalidation; another sees it within 1 s", async () => {
    server = await scratchRedis();
    await server.start();
    const other = await connectedInstance();
    await cache(other, "tee", "price 1500");

    const freshClient = client();
    const fresh = instance(freshClient);
    expect(freshClient.status).not.toBe("ready");
    await fresh.invalidate(["product:tee"]);
    await vi.waitFor(async () => expect(await other.get("tee")).toBeNull(), { timeout: 1_000, interval: 20 });
  });

  it("with Redis stopped, a write's invalidation is kept and written once it is back; meanwhile nobody serves the old value", async () => {
    server = await scratchRedis();
    await server.start();
    const writerClient = client();
    const writer = await connectedInstance(writerClient);
    const readerClient = client();
    const reader = await connectedInstance(readerClient);
    await cache(reader, "tee", "price 1500");
    await cache(writer, "tee", "price 1500");

    await server.stop();
    await vi.waitFor(() => expect([writerClient.status, readerClient.status]).not.toContain("ready"));
    const changedAt = Date.now();
    await writer.invalidate(["product:tee"]);
    // While it cannot be written, nobody trusts the cache: the reader cannot read the clock, and
    // the writer holds a change the clock does not know.
    expect(await reader.get("tee")).toBeNull();
    expect(await writer.get("tee")).toBeNull();

    // The writer stays cut off while Redis comes back empty (no persistence): the reader must
    // not take the empty clock's word for what it cached before it lost the connection.
    writerClient.disconnect();
    await server.start();
    expect(await whenRedisReady(readerClient, 5_000)).toBe(true);
    expect(await reader.get("tee")).toBeNull();
    await cache(reader, "boot", "price 9000");

    // The writer reconnects and writes what it kept.
    await writerClient.connect();
    await vi.waitFor(async () => expect(await recorded("product:tee")).toBeGreaterThanOrEqual(changedAt), {
      timeout: 5_000,
      interval: 50,
    });
    expect((await reader.get("boot"))?.value).toBe("price 9000");
  });

  it("while the clock is unknown, reads bypass the cache and nothing read then is kept", async () => {
    server = await scratchRedis();
    await server.start();
    const readerClient = client();
    const reader = await connectedInstance(readerClient);
    await cache(reader, "tee", "price 1500");

    await server.stop();
    await vi.waitFor(() => expect(readerClient.status).not.toBe("ready"));
    expect(await reader.get("tee")).toBeNull();
    // A read while Redis is down goes to the database, and what it read is not kept...
    expect(await reader.get("boot")).toBeNull();
    reader.set("boot", "read while down", ["product:boot"]);
    await server.start();
    expect(await whenRedisReady(readerClient, 5_000)).toBe(true);
    // ...because an invalidation made meanwhile elsewhere may be in no clock yet.
    expect(await reader.get("boot")).toBeNull();
    expect(await reader.get("tee")).toBeNull();
  });

  it("a read of the clock answered only after a reconnect does not vouch for an entry from before it", async () => {
    server = await scratchRedis();
    await server.start();
    const reader = await connectedInstance();
    await cache(reader, "tee", "price 1500");

    server.freeze();
    const read = reader.get("tee"); // its question waits in the frozen server...
    await server.stop("SIGKILL"); // ...which dies; the client asks again of the new, empty one
    await server.start();
    expect(await read).toBeNull();
  });

  // ACL users stand in for commands that fail while the connection stays up (a Redis that froze,
  // a full disk): one instance may not write the clock, another, for a while, may not read it.
  async function withAclUsers() {
    server = await scratchRedis();
    await server.start();
    const root = admin();
    await root.acl("SETUSER", "cannot-write", "on", ">pw", "~*", "&*", "+@all", "-eval", "-evalsha");
    await root.acl("SETUSER", "reader", "on", ">pw", "~*", "&*", "+@all");
    const as = (user: string) => server.url.replace("redis://", `redis://${user}:pw@`);
    return { root, as };
  }

  it("an instance holding an invalidation it could not write bypasses its cache, though Redis answers", async () => {
    const { root, as } = await withAclUsers();
    const writer = await connectedInstance(client(as("cannot-write")));
    await writer.invalidate(["product:tee"]);
    expect(await writer.get("tee")).toBeNull();
    writer.set("tee", "read after the first change", ["product:tee"]);
    const secondChangeAt = Date.now();
    await writer.invalidate(["product:tee"]); // a second change, after that read
    expect(await writer.get("tee")).toBeNull();
    expect(await recorded("product:tee")).toBe(0);

    // It keeps trying, on the connection it has: once Redis takes the write, the cache serves again.
    await root.acl("SETUSER", "cannot-write", "+eval");
    await vi.waitFor(
      async () => expect(await recorded("product:tee")).toBeGreaterThanOrEqual(secondChangeAt),
      { timeout: 3_000, interval: 50 },
    );
    await vi.waitFor(() => cache(writer, "tee", "price 1600"), { timeout: 3_000, interval: 50 });
  });

  it("an instance that could not read the clock does not trust what it cached before, though its connection stayed up", async () => {
    const { root, as } = await withAclUsers();
    const writer = await connectedInstance(client(as("cannot-write")));
    const readerClient = client(as("reader"));
    const reader = await connectedInstance(readerClient);
    await cache(reader, "tee", "price 1500");
    await cache(reader, "boot", "price 9000");

    await root.acl("SETUSER", "reader", "-hmget");
    await writer.invalidate(["product:boot"]); // kept: it cannot be written
    expect(await reader.get("tee")).toBeNull();
    await root.acl("SETUSER", "reader", "+hmget");
    // Not read while it failed, but cached before: the kept change may concern it.
    expect(await reader.get("boot")).toBeNull();
    expect(readerClient.status).toBe("ready");
    // Once Redis answers it again, it trusts what it reads from then on.
    await vi.waitFor(() => cache(reader, "boot", "price 9100"), { timeout: 3_000, interval: 50 });
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
      expect(await handler.get("page", { kind: "APP_PAGE" })).toBeNull();
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

      expect(await handler.get("gone", { kind: "FETCH" })).toBeNull();
      await handler.set("gone", { kind: "FETCH" }, { tags: [] });
      await handler.set("gone", null, {});
      expect(await handler.get("gone", { kind: "FETCH" })).toBeNull();
    } finally {
      delete holder[CACHE_STORE_KEY];
    }
  });
});
