import { LRUCache } from "lru-cache";

import type { TagClock } from "./tag-clock.ts";

export interface CachedEntry {
  value: unknown;
  /** When the data was read: the miss that started its computation, not the moment it was stored. */
  readAt: number;
  /** The tag clock's session at that miss: an entry from another session is not trusted. */
  session: number;
  tags: readonly string[];
}

interface Miss {
  at: number;
  session: number | null;
}

export interface CacheStoreOptions {
  clock: TagClock;
  /** The most the entries may take, in (approximate) bytes; the least recently used go first. */
  maxBytes: number;
  now?: () => number;
  /** Called when the tag clock cannot be read (Redis down): the read goes to the database. */
  onError?: (error: unknown) => void;
}

/**
 * The storage behind Next's cache (see cache-handler.js): entries in this process's memory,
 * bounded, each checked against the tag clock on every read. Nothing is written to disk, so a
 * restarted server never serves what it cached before the database changed under it.
 */
export class CacheStore {
  readonly #entries: LRUCache<string, CachedEntry>;
  // key -> the miss that sent a caller to the database. Its time becomes the entry's readAt, so an
  // invalidation that lands while the value is being computed makes that value stale at once.
  readonly #misses = new LRUCache<string, Miss>({ max: 10_000 });
  readonly #clock: TagClock;
  readonly #now: () => number;
  readonly #onError: (error: unknown) => void;

  constructor(options: CacheStoreOptions) {
    this.#clock = options.clock;
    this.#now = options.now ?? Date.now;
    this.#onError = options.onError ?? (() => undefined);
    this.#entries = new LRUCache({
      maxSize: options.maxBytes,
      sizeCalculation: (entry) => Math.max(1, approximateSize(entry.value)),
    });
  }

  /**
   * The entry, or null when absent, when one of its tags (or `alsoTags`) changed since it was
   * read, or when the tag clock is not known now or was not in the session it was read in.
   */
  async get(key: string, alsoTags: readonly string[] = []): Promise<CachedEntry | null> {
    const session = this.#clock.session();
    const entry = this.#entries.get(key);
    if (entry?.session !== session) return this.#miss(key, session);
    let invalidatedAt: number;
    try {
      invalidatedAt = await this.#clock.latest([...entry.tags, ...alsoTags]);
    } catch (error) {
      // Freshness unknown: read the database rather than risk an old price.
      this.#onError(error);
      return this.#miss(key, null);
    }
    // The answer may come from after a reconnect, when this entry is no longer trusted.
    if (invalidatedAt >= entry.readAt || this.#clock.session() !== session) {
      return this.#miss(key, this.#clock.session());
    }
    return entry;
  }

  /**
   * Keeps the value only when it answers a recorded miss of this same session: a value with no
   * known read time, or read before the clock was last unknown, might predate an invalidation.
   */
  set(key: string, value: unknown, tags: readonly string[]): void {
    const miss = this.#misses.get(key);
    this.#misses.delete(key);
    const session = this.#clock.session();
    if (!miss || session === null || miss.session !== session) return;
    this.#entries.set(key, { value, readAt: miss.at, session, tags: [...tags] });
  }

  #miss(key: string, session: number | null): null {
    this.#entries.delete(key);
    // Two callers may miss one key at once: the earliest read time is the one both values are
    // safe under.
    if (!this.#misses.has(key)) this.#misses.set(key, { at: this.#now(), session });
    return null;
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /**
   * Runs after the write has committed. The clock never drops the invalidation: when it cannot
   * be written now, the clock keeps it and is unknown until it is written, so neither this
   * instance nor (having lost Redis too) any other serves from the cache meanwhile.
   */
  async invalidate(tags: readonly string[]): Promise<void> {
    await this.#clock.invalidate(tags, this.#now());
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** Bytes, near enough to bound memory: strings and buffers inside the value are counted. */
function approximateSize(value: unknown, depth = 0): number {
  if (typeof value === "string") return value.length * 2;
  if (value instanceof Uint8Array) return value.byteLength;
  if (value === null || typeof value !== "object" || depth > 4) return 8;
  let total = 0;
  for (const item of value instanceof Map ? value.values() : Object.values(value)) {
    total += approximateSize(item, depth + 1);
  }
  return total + 16;
}
