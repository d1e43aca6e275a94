// Names for what the app caches, and the hook that tells it what changed. Every cached catalog
// read carries `all`; reads of many products (listings, search, facets, categories, related)
// carry `listings`; a product's own read carries its product tag. A write reports the tags whose
// cached reads are now stale: a price or stock change names `listings` and the product; a change
// to the catalog's shape (a category renamed, a product removed) names `all`.
export const catalogTags = {
  all: "catalog",
  listings: "catalog:listings",
  product: (slug: string) => `product:${slug}`,
} as const;

/** What a change to these products' prices or stock makes stale: every listing, and their pages. */
export function productChangeTags(slugs: readonly string[]): string[] {
  return [catalogTags.listings, ...slugs.map((slug) => catalogTags.product(slug))];
}

export type CatalogChangeListener = (tags: string[]) => void | Promise<void>;

// One registry per process: a bundler may give each route its own copy of this module (Next does),
// and a write in one route must reach the listener another registered.
const registry = globalThis as typeof globalThis & { bazaarCatalogListeners?: Set<CatalogChangeListener> };
const listeners = (registry.bazaarCatalogListeners ??= new Set<CatalogChangeListener>());

/** Register for catalog changes (the web app revalidates its cache); returns an unsubscribe. */
export function onCatalogChange(listener: CatalogChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tell every listener which tags are stale. Called after the write has committed. */
export async function catalogChanged(tags: string[]): Promise<void> {
  for (const listener of listeners) await listener(tags);
}
