import { TRPC_MAX_BATCH_SIZE } from "@bazaar/validators";
import { httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import superjson from "superjson";

import { API_ORIGIN } from "../env";
import type { Credentials } from "./credentials";
import { streamingFetch } from "./streaming-fetch";
import { trpc } from "./trpc";

/**
 * The app's tRPC client: queries and mutations batched over HTTP, subscriptions (live order
 * status) as server-sent events. Both carry the bearer token and the guest cart's token; the
 * EventSource ponyfill is used because the browser's own cannot send headers.
 */
export function createApiClient(credentials: Credentials) {
  const url = `${API_ORIGIN}/api/trpc`;
  return trpc.createClient({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url,
          transformer: superjson,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (input, init) =>
              streamingFetch(input, { ...init, headers: { ...init?.headers, ...credentials.headers() } }),
          }),
        }),
        false: httpBatchLink({
          url,
          transformer: superjson,
          maxItems: TRPC_MAX_BATCH_SIZE,
          headers: () => credentials.headers(),
        }),
      }),
    ],
  });
}
