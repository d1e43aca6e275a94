import type { Redis } from "ioredis";

/**
 * When each cache tag was last invalidated. A cached entry is fresh only while none of its tags
 * has been invalidated since the entry's data was read.
 */
export interface TagClock {
  invalidate(tags: readonly string[], at: number): Promise<void>;
  /** The latest invalidation time among `tags`, or 0 when none has ever been invalidated. */
  latest(tags: readonly string[]): Promise<number>;
}

/** One process: the default. */
export function memoryTagClock(): TagClock {
  const times = new Map<string, number>();
  return {
    invalidate(tags, at) {
      for (const tag of tags) times.set(tag, Math.max(times.get(tag) ?? 0, at));
      return Promise.resolve();
    },
    latest(tags) {
      let latest = 0;
      for (const tag of tags) latest = Math.max(latest, times.get(tag) ?? 0);
      return Promise.resolve(latest);
    },
  };
}

// Keeps the later of the stored and the new time, so clocks that disagree by a little never
// move an invalidation backwards.
const INVALIDATE_SCRIPT = `
for i, tag in ipairs(KEYS) do
  local current = tonumber(redis.call('HGET', ARGV[2], tag) or '0')
  if tonumber(ARGV[1]) > current then redis.call('HSET', ARGV[2], tag, ARGV[1]) end
end
return 0`;

/**
 * Several app instances: the invalidation times live in one Redis hash, so an instance that did
 * not make the change still stops serving what it cached before it. Entries stay in each
 * instance's memory; only the small tag table is shared.
 */
export function redisTagClock(redis: Redis, hash = "bazaar:cache:tags"): TagClock {
  return {
    async invalidate(tags, at) {
      if (tags.length === 0) return;
      await redis.eval(INVALIDATE_SCRIPT, tags.length, ...tags, String(at), hash);
    },
    async latest(tags) {
      if (tags.length === 0) return 0;
      const values = await redis.hmget(hash, ...tags);
      return values.reduce((latest, value) => Math.max(latest, value === null ? 0 : Number(value)), 0);
    },
  };
}
