import type { DefaultOptions } from "@tanstack/query-core";

/**
 * What every Bazaar client's query cache starts from (the web app's and the phone app's): data
 * is fresh for 30 s, so a page that was just rendered or restored is not refetched at once.
 */
export const queryDefaults = {
  queries: { staleTime: 30_000 },
} satisfies DefaultOptions;
