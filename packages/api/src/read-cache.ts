/**
 * Public reads that many callers share (the catalog) go through this, so the app can answer them
 * from its cache. The web app supplies one backed by Next's cache; tests and other hosts get the
 * pass-through, which always reads the database.
 *
 * Only data that is the same for every caller may be cached: never pass anything that depends on
 * the session.
 */
export interface ReadCache {
  /** `key` names the read and its input; `tags` say which writes make it stale (cache-tags.ts). */
  read<T>(key: string, tags: readonly string[], load: () => Promise<T>): Promise<T>;
}

export const passThroughReadCache: ReadCache = {
  read: (_key, _tags, load) => load(),
};
