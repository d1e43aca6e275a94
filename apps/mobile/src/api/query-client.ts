import { queryDefaults } from "@bazaar/client";
import AsyncStorage from "@react-native-async-storage/async-storage";
import { createAsyncStoragePersister } from "@tanstack/query-async-storage-persister";
import { QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

/** How long what the shopper last saw is kept for showing without a network. */
export const CACHE_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      ...queryDefaults,
      queries: {
        ...queryDefaults.queries,
        // Kept in memory as long as on disk, or the persister would save an emptier cache.
        gcTime: CACHE_MAX_AGE_MS,
      },
    },
  });
}

/**
 * The cache on the device (AsyncStorage: app storage on a phone, localStorage on the web build),
 * written as superjson so dates come back as dates. Restored at start, so the catalog, the cart
 * and the orders last seen show without a network.
 */
export const queryPersister = createAsyncStoragePersister({
  storage: AsyncStorage,
  key: "bazaar.query-cache",
  serialize: (client) => superjson.stringify(client),
  deserialize: (stored) => superjson.parse(stored),
});
