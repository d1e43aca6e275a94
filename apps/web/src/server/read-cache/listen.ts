import { onCatalogChange } from "@bazaar/api";

import { processCacheStore } from "./process-store.ts";

const holder = globalThis as typeof globalThis & { bazaarCatalogListener?: true };

/**
 * A catalog write (staff, checkout, a background job) makes the reads it names stale the moment
 * it commits: straight into the store's tag clock, so it works outside a request too. Called at
 * start (instrumentation), before the in-process worker can write and before any request.
 */
export function listenForCatalogChanges(): void {
  if (holder.bazaarCatalogListener) return;
  holder.bazaarCatalogListener = true;
  onCatalogChange((tags) => processCacheStore().invalidate(tags));
}
