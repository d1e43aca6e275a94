import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

/** One factory for both sides, so server-prefetched data crosses to the browser intact (dates too). */
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Long enough that hydrated data is not refetched the moment the page becomes interactive.
      queries: { staleTime: 30_000 },
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
