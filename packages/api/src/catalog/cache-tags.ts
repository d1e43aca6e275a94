// Names for what the web app caches, and the hook that tells it what changed. Listings carry
// `catalog`; a product page carries its product's tag; a category page its category's. A write
// to the catalog reports every tag whose cached pages are now stale.
export const catalogTags = {
  all: "catalog",
  product: (slug: string) => `product:${slug}`,
  category: (slug: string) => `category:${slug}`,
} as const;

export type CatalogChangeListener = (tags: string[]) => void | Promise<void>;

const listeners = new Set<CatalogChangeListener>();

/** Register for catalog changes (the web app revalidates its cache); returns an unsubscribe. */
export function onCatalogChange(listener: CatalogChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tell every listener which tags are stale. Called after the write has committed. */
export async function catalogChanged(tags: string[]): Promise<void> {
  for (const listener of listeners) await listener(tags);
}
