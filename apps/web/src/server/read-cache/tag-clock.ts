import type { Redis } from "ioredis";

/**
 * When each cache tag was last invalidated. A cached entry is fresh only while none of its tags
 * has been invalidated since the entry's data was read.
 */
export interface TagClock {
  /**
   * Record that `tags` changed at `at`. Never throws and never loses one: what cannot be written
   * now is kept and written later, and until then the clock is unknown (`session()` is null).
   */
  invalidate(tags: readonly string[], at: number): Promise<void>;
  /** The latest invalidation time among `tags`, or 0 when none has ever been invalidated. */
  latest(tags: readonly string[]): Promise<number>;
  /**
   * Null while the clock is unknown; otherwise a number that changes each time it becomes known
   * again, because invalidations may have been missed meanwhile: what was read in an earlier
   * session is not to be trusted.
   */
  session(): number | null;
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
    session: () => 0,
  };
}

// KEYS[1] is the hash; ARGV is tag, time, tag, time... Keeps the later of the stored and the new
// time, so clocks that disagree by a little never move an invalidation backwards.
const INVALIDATE_SCRIPT = `
for i = 1, #ARGV, 2 do
  local current = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')
  if tonumber(ARGV[i + 1]) > current then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
end
return 0`;

// Writing what could not be written, or asking Redis whether it answers again: the first retry
// soon, then at most every second while it fails.
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 1_000;

export interface RedisTagClockOptions {
  hash?: string;
  /** Hears each failure to write an invalidation (it is kept and retried). */
  onError?: (error: unknown) => void;
}

/**
 * Several app instances: the invalidation times live in one Redis hash, so an instance that did
 * not make the change still stops serving what it cached before it. Entries stay in each
 * instance's memory; only the small tag table is shared.
 *
 * The clock is known only while the client is connected, every invalidation made here has been
 * written, and the last command succeeded. A lost connection, an invalidation kept for later or a
 * failed read makes it unknown; it is known again, in a new session, once Redis takes what was
 * kept (or answers a ping).
 */
export function redisTagClock(redis: Redis, options: RedisTagClockOptions = {}): TagClock {
  const { hash = "bazaar:cache:tags", onError = () => undefined } = options;
  // Invalidations made here and not yet in Redis: tag -> time.
  const unwritten = new Map<string, number>();
  let connected = redis.status === "ready";
  // A command failed on a connection that seemed fine: unknown until Redis answers again.
  let doubtful = false;
  let sessions = 0;
  let session: number | null = null;
  let retry: NodeJS.Timeout | undefined;
  let retryMs = RETRY_FIRST_MS;

  const write = (times: ReadonlyMap<string, number>) =>
    redis.eval(INVALIDATE_SCRIPT, 1, hash, ...[...times].flatMap(([tag, at]) => [tag, String(at)]));

  const settle = () => {
    if (!connected || unwritten.size > 0 || doubtful) {
      session = null;
      return;
    }
    retryMs = RETRY_FIRST_MS;
    session ??= ++sessions;
  };

  const scheduleRetry = () => {
    if (retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void recover();
    }, retryMs).unref();
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  };

  async function recover(): Promise<void> {
    // Without a connection there is nothing to try: the next "ready" calls this again.
    if (!connected) return;
    const batch = new Map(unwritten);
    try {
      if (batch.size > 0) await write(batch);
      else if (doubtful) await redis.ping();
      for (const [tag, at] of batch) if (unwritten.get(tag) === at) unwritten.delete(tag);
      doubtful = false;
    } catch (error) {
      onError(error);
    }
    settle();
    if (session === null && connected) scheduleRetry();
  }

  redis.on("ready", () => {
    connected = true;
    void recover();
  });
  redis.on("close", () => {
    connected = false;
    session = null;
  });
  settle();

  return {
    async invalidate(tags, at) {
      if (tags.length === 0) return;
      if (session !== null) {
        try {
          await write(new Map(tags.map((tag) => [tag, at])));
          return;
        } catch (error) {
          onError(error);
        }
      }
      for (const tag of tags) unwritten.set(tag, Math.max(unwritten.get(tag) ?? 0, at));
      session = null;
      scheduleRetry();
    },
    async latest(tags) {
      if (tags.length === 0) return 0;
      try {
        const values = await redis.hmget(hash, ...tags);
        return values.reduce((latest, value) => Math.max(latest, value === null ? 0 : Number(value)), 0);
      } catch (error) {
        doubtful = true;
        session = null;
        scheduleRetry();
        throw error;
      }
    },
    session: () => session,
  };
}
