"use client";

import type { AppRouter } from "@bazaar/api";
import { TRPC_MAX_BATCH_SIZE } from "@bazaar/validators";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import {
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  isNonJsonSerializable,
  loggerLink,
  splitLink,
  TRPCClientError,
} from "@trpc/client";
import { createTRPCReact } from "@trpc/react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";

import { makeQueryClient } from "./query-client";

/** Hooks for client components: `api.catalog.products.useInfiniteQuery(...)`. */
export const api = createTRPCReact<AppRouter>();

let browserQueryClient: QueryClient | undefined;

function getQueryClient() {
  // On the server every render gets its own cache; in the browser one cache lives for the visit.
  if (typeof window === "undefined") return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    api.createClient({
      links: [
        loggerLink({
          // In production only what went wrong: a refusal (a 4xx: bad input, a conflict) is the
          // page's to show beside the field or on top, not an error.
          enabled: (op) =>
            process.env.NODE_ENV === "development" ||
            (op.direction === "down" &&
              op.result instanceof TRPCClientError &&
              (op.result.data?.httpStatus ?? 500) >= 500),
        }),
        // Subscriptions (live order status) as server-sent events; form data (picture uploads)
        // as one multipart request each; everything else batched.
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url: "/api/trpc", transformer: superjson }),
          false: splitLink({
            condition: (op) => isNonJsonSerializable(op.input),
            true: httpLink({ url: "/api/trpc", transformer: superjson }),
            false: httpBatchLink({ url: "/api/trpc", transformer: superjson, maxItems: TRPC_MAX_BATCH_SIZE }),
          }),
        }),
      ],
    }),
  );
  return (
    <api.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </api.Provider>
  );
}
