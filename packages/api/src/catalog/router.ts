import {
  categoryBySlugInput,
  featuredProductsInput,
  productBySlugInput,
  productFacetsInput,
  productListInput,
  relatedProductsInput,
  searchSuggestInput,
} from "@bazaar/validators";

import type { Context } from "../context.ts";
import { createTRPCRouter, publicProcedure } from "../trpc.ts";
import { catalogTags } from "./cache-tags.ts";
import * as catalog from "./service.ts";

// Catalog reads are the same for every caller, so the app may answer them from its cache (see
// read-cache.ts). Reads of many products go stale with any price or stock change; a product's
// own read only with a change to that product.
const LISTING_TAGS = [catalogTags.all, catalogTags.listings];

function listing<T>(ctx: Context, name: string, input: unknown, load: () => Promise<T>): Promise<T> {
  return ctx.readCache.read(`catalog.${name}:${JSON.stringify(input ?? null)}`, LISTING_TAGS, load);
}

export const catalogRouter = createTRPCRouter({
  categories: publicProcedure.query(({ ctx }) =>
    listing(ctx, "categories", null, () => catalog.listCategories(ctx.db)),
  ),
  categoryBySlug: publicProcedure
    .input(categoryBySlugInput)
    .query(({ ctx, input }) =>
      listing(ctx, "categoryBySlug", input, () => catalog.getCategoryBySlug(ctx.db, input.slug)),
    ),
  /** Browse, filter, sort and search; see productListInput for every option. */
  products: publicProcedure
    .input(productListInput)
    .query(({ ctx, input }) => listing(ctx, "products", input, () => catalog.listProducts(ctx.db, input))),
  facets: publicProcedure
    .input(productFacetsInput)
    .query(({ ctx, input }) => listing(ctx, "facets", input, () => catalog.getProductFacets(ctx.db, input))),
  suggest: publicProcedure
    .input(searchSuggestInput)
    .query(({ ctx, input }) => listing(ctx, "suggest", input, () => catalog.suggest(ctx.db, input))),
  featured: publicProcedure
    .input(featuredProductsInput)
    .query(({ ctx, input }) =>
      listing(ctx, "featured", input, () => catalog.listFeaturedProducts(ctx.db, input)),
    ),
  productBySlug: publicProcedure
    .input(productBySlugInput)
    .query(({ ctx, input }) =>
      ctx.readCache.read(
        `catalog.productBySlug:${input.slug}`,
        [catalogTags.all, catalogTags.product(input.slug)],
        () => catalog.getProductBySlug(ctx.db, input.slug),
      ),
    ),
  related: publicProcedure
    .input(relatedProductsInput)
    .query(({ ctx, input }) =>
      listing(ctx, "related", input, () => catalog.listRelatedProducts(ctx.db, input)),
    ),
});
