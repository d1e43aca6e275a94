import type { DefaultOptions } from "@tanstack/query-core";

import { mayPassOnRetry, retryAfterMs } from "./errors.ts";

/** Reads are asked again at most this many times before the screen shows what went wrong. */
export const QUERY_RETRIES = 2;

/**
 * What every Bazaar client's query cache starts from (the web app's and the phone app's): data
 * is fresh for 30 s, so a page that was just rendered or restored is not refetched at once. A
 * read that failed in a way that may pass (no network, a 5xx such as "the shop is busy", a rate
 * limit) is asked again after the wait the server named, or a doubling one; a refusal is not.
 * Writes are never repeated by the cache: the screens offer "Try again", with the same idempotency
 * key where one applies.
 */
export const queryDefaults = {
  queries: {
    staleTime: 30_000,
    retry: (failures: number, error: unknown) => failures < QUERY_RETRIES && mayPassOnRetry(error),
    retryDelay: (attempt: number, error: unknown) =>
      retryAfterMs(error) ?? Math.min(1_000 * 2 ** attempt, 8_000),
  },
} satisfies DefaultOptions;
