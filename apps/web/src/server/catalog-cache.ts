import "server-only";
import { onCatalogChange } from "@bazaar/api";
import { revalidateTag } from "next/cache";

// When staff change a price or stock level, the pages cached under the catalog's tags expire at
// once (not stale-while-revalidate: a shopper must not see the old price after the change).
// Registered once per server process; catalog writes arrive through the /api/trpc route handler,
// where revalidateTag is allowed.
const holder = globalThis as typeof globalThis & { bazaarCatalogCache?: true };
if (!holder.bazaarCatalogCache) {
  holder.bazaarCatalogCache = true;
  onCatalogChange((tags) => {
    for (const tag of tags) revalidateTag(tag, { expire: 0 });
  });
}
