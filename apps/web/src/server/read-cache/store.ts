import { LRUCache } from "lru-cache";

import type { TagClock } from "./tag-clock.ts";

export interface CachedEntry {
  value: unknown;
  /** When the data was read: the miss that started its computation, not the moment it was stored. */
  readAt: number;
  tags: readonly string[];
}

export interface CacheStoreOptions {
  clock: TagClock;
  /** The most the entries may take, in (approximate) bytes; the least recently used go first. */
  maxBytes: number;
  now?: () => number;
  /** Called when the tag clock cannot be read or written (Redis down). */
  onError?: (error: unknown) => void;
}

/**
 * The storage behind Next's cache (see cache-handler.js): entries in this process's memory,
 * bounded, each checked against the tag clock on every read. Nothing is written to disk, so a
 * restarted server never serves what it cached before the database changed under it.
 */
export class CacheStore {
  readonly #entries: LRUCache<string, CachedEntry>;
  // key -> time of the miss that sent a caller to the database. Stored as the entry's readAt, so
  // an invalidation that lands while the value is being computed makes that value stale at once.
  readonly #misses = new LRUCache<string, number>({ max: 10_000 });
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

  /** The entry, or null when absent or when one of its tags (or `alsoTags`) changed since it was read. */
  async get(key: string, alsoTags: readonly string[] = []): Promise<CachedEntry | null> {
    const entry = this.#entries.get(key);
    if (!entry) {
      this.#misses.set(key, this.#now());
      return null;
    }
    let invalidatedAt: number;
    try {
      invalidatedAt = await this.#clock.latest([...entry.tags, ...alsoTags]);
    } catch (error) {
      // Freshness unknown: read the database rather than risk an old price.
      this.#onError(error);
      return null;
    }
    if (invalidatedAt >= entry.readAt) {
      this.#entries.delete(key);
      this.#misses.set(key, this.#now());
      return null;
    }
    return entry;
  }

  set(key: string, value: unknown, tags: readonly string[]): void {
    const readAt = this.#misses.get(key) ?? this.#now();
    this.#misses.delete(key);
    this.#entries.set(key, { value, readAt, tags: [...tags] });
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /**
   * Never throws: it runs after the write has committed. When the shared clock cannot be written,
   * this process drops everything it holds; other instances stop serving from the cache while
   * they cannot read the clock either.
   */
  async invalidate(tags: readonly string[]): Promise<void> {
    try {
      await this.#clock.invalidate(tags, this.#now());
    } catch (error) {
      this.#onError(error);
      this.#entries.clear();
    }
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
