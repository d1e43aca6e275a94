import "server-only";
import type { ReadCache } from "@bazaar/api";
import { unstable_cache } from "next/cache";
import superjson from "superjson";

import { serverEnv } from "~/env";

import { processCacheStore } from "./process-store.ts";

/**
 * Catalog reads through Next's cache (unstable_cache, tagged), stored by cache-handler.js in
 * this process's CacheStore. superjson keeps Dates and the like intact through the cache.
 */
export const nextReadCache: ReadCache = {
  async read<T>(key: string, tags: readonly string[], load: () => Promise<T>): Promise<T> {
    if (serverEnv().CATALOG_CACHE === "off") return load();
    // The handler finds the store under its global key: make sure it exists before Next asks.
    processCacheStore();
    const cached = unstable_cache(async () => superjson.stringify(await load()), [key], { tags: [...tags] });
    return superjson.parse<T>(await cached());
  },
};
