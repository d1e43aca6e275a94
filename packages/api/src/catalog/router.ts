import {
  categoryBySlugInput,
  featuredProductsInput,
  productBySlugInput,
  productFacetsInput,
  productListInput,
  relatedProductsInput,
  searchSuggestInput,
  updateVariantInput,
} from "@bazaar/validators";

import { createTRPCRouter, publicProcedure, staffProcedure } from "../trpc.ts";
import * as catalog from "./service.ts";

export const catalogRouter = createTRPCRouter({
  categories: publicProcedure.query(({ ctx }) => catalog.listCategories(ctx.db)),
  categoryBySlug: publicProcedure
    .input(categoryBySlugInput)
    .query(({ ctx, input }) => catalog.getCategoryBySlug(ctx.db, input.slug)),
  /** Browse, filter, sort and search; see productListInput for every option. */
  products: publicProcedure
    .input(productListInput)
    .query(({ ctx, input }) => catalog.listProducts(ctx.db, input)),
  facets: publicProcedure
    .input(productFacetsInput)
    .query(({ ctx, input }) => catalog.getProductFacets(ctx.db, input)),
  suggest: publicProcedure
    .input(searchSuggestInput)
    .query(({ ctx, input }) => catalog.suggest(ctx.db, input)),
  featured: publicProcedure
    .input(featuredProductsInput)
    .query(({ ctx, input }) => catalog.listFeaturedProducts(ctx.db, input)),
  productBySlug: publicProcedure
    .input(productBySlugInput)
    .query(({ ctx, input }) => catalog.getProductBySlug(ctx.db, input.slug)),
  related: publicProcedure
    .input(relatedProductsInput)
    .query(({ ctx, input }) => catalog.listRelatedProducts(ctx.db, input)),
  /** Staff: price, "was" price and stock; invalidates the cached pages that show the product. */
  updateVariant: staffProcedure
    .input(updateVariantInput)
    .mutation(({ ctx, input }) => catalog.updateVariant(ctx.db, input)),
});
