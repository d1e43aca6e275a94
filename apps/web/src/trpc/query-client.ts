import { queryDefaults } from "@bazaar/client";
import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

/** One factory for both sides, so server-prefetched data crosses to the browser intact (dates too). */
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Shared with the phone app; long enough that hydrated data is not refetched the moment the
      // page becomes interactive. A server rendering a page answers at once rather than retry.
      ...queryDefaults,
      queries: { ...queryDefaults.queries, ...(typeof window === "undefined" ? { retry: false } : {}) },
      dehydrate: {
        serializeData: superjson.serialize,
        // Also send queries still in flight: the client picks up the promise instead of refetching.
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
