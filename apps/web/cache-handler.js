// @ts-check
// Next's cache handler (next.config.ts `cacheHandler`). Next loads this file itself, outside the
// app's bundle, so it holds no logic: it hands every call to the process's CacheStore
// (src/server/read-cache), which the app creates under a global key before its first cached read.
// Nothing is written to disk; with no store yet, it caches nothing.

const STORE_KEY = Symbol.for("bazaar.cacheStore");

/**
 * @typedef {{
 *   get(key: string, alsoTags?: readonly string[]): Promise<{ value: unknown; readAt: number } | null>;
 *   set(key: string, value: unknown, tags: readonly string[]): void;
 *   delete(key: string): void;
 *   invalidate(tags: readonly string[]): Promise<void>;
 * }} Store
 * @typedef {{ kind?: string; tags?: string[]; softTags?: string[] }} GetContext
 * @typedef {{ tags?: string[] }} SetContext
 * @typedef {{ kind?: string; headers?: Record<string, unknown>; [field: string]: unknown }} CachedValue
 */

/** @returns {Store | undefined} */
function store() {
  return /** @type {Record<symbol, Store | undefined>} */ (/** @type {unknown} */ (globalThis))[STORE_KEY];
}

/**
 * The tags a cached value carries: those given with a data read, or those a rendered page lists.
 * @param {CachedValue} data
 * @param {SetContext} ctx
 * @returns {string[]}
 */
function tagsOf(data, ctx) {
  if (Array.isArray(ctx.tags)) return ctx.tags;
  const header = data.headers?.["x-next-cache-tags"];
  return typeof header === "string" && header ? header.split(",") : [];
}

export default class BazaarCacheHandler {
  /**
   * @param {string} key
   * @param {GetContext} ctx
   */
  async get(key, ctx) {
    const entry = await store()?.get(key, [...(ctx.tags ?? []), ...(ctx.softTags ?? [])]);
    return entry ? { value: entry.value, lastModified: entry.readAt } : null;
  }

  /**
   * @param {string} key
   * @param {CachedValue | null} data
   * @param {SetContext} ctx
   * @returns {Promise<void>}
   */
  set(key, data, ctx) {
    const current = store();
    if (data === null) current?.delete(key);
    else current?.set(key, data, tagsOf(data, ctx));
    return Promise.resolve();
  }

  /** @param {string | string[]} tags */
  async revalidateTag(tags) {
    await store()?.invalidate(typeof tags === "string" ? [tags] : tags);
  }

  // Nothing is held per request.
  resetRequestCache() {
    return undefined;
  }
}
