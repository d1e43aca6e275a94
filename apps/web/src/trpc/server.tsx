import "server-only";
import { createCaller, createContext, type AppRouter } from "@bazaar/api";
import { createHydrationHelpers } from "@trpc/react-query/rsc";
import { headers } from "next/headers";
import { cache } from "react";

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
