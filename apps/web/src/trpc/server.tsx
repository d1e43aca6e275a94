import "server-only";
import { createCaller, createContext, type AppRouter } from "@bazaar/api";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createHydrationHelpers } from "@trpc/react-query/rsc";
import { headers } from "next/headers";
import { cache, type ReactNode } from "react";

import { getDb } from "~/server/db";
import { nextReadCache } from "~/server/read-cache";

import { makeQueryClient } from "./query-client";

// One query cache per request, shared by every server component that renders in it.
const getQueryClient = cache(makeQueryClient);

const caller = createCaller(async () =>
  createContext({ db: getDb(), headers: await headers(), readCache: nextReadCache }),
);

/**
 * `trpc.catalog.product({...})` calls a procedure directly from a server component;
 * `trpc.catalog.products.prefetch({...})` fills the cache that `<HydrateClient>` sends to the browser.
 */
export const { trpc, HydrateClient } = createHydrationHelpers<AppRouter>(caller, getQueryClient);

/**
 * The caller's cart, asked for once per request: `cart.get` tells each change (a new price, an
 * item that ran out) only once, so the header and the cart pages must share one answer.
 */
export const prefetchCart = cache(() => trpc.cart.get.prefetch());

const isCartQuery = (queryKey: readonly unknown[]) =>
  Array.isArray(queryKey[0]) && queryKey[0].join(".") === "cart.get";

/**
 * Hands the cart (after `await prefetchCart()`) to the browser's cache, and only the cart: the
 * header's boundary must not send the page's own queries a second time.
 */
export function HydrateCart({ children }: { children: ReactNode }) {
  const state = dehydrate(getQueryClient(), {
    shouldDehydrateQuery: (query) => query.state.status === "success" && isCartQuery(query.queryKey),
  });
  return <HydrationBoundary state={state}>{children}</HydrationBoundary>;
}
