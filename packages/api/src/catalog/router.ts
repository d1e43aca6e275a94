import {
  categoryBySlugInput,
  featuredProductsInput,
  productBySlugInput,
  productListInput,
} from "@bazaar/validators";

import { createTRPCRouter, publicProcedure } from "../trpc.ts";
import * as catalog from "./service.ts";

export const catalogRouter = createTRPCRouter({
  categories: publicProcedure.query(({ ctx }) => catalog.listCategories(ctx.db)),
  categoryBySlug: publicProcedure
    .input(categoryBySlugInput)
    .query(({ ctx, input }) => catalog.getCategoryBySlug(ctx.db, input.slug)),
  products: publicProcedure
    .input(productListInput)
    .query(({ ctx, input }) => catalog.listProducts(ctx.db, input)),
  featured: publicProcedure
    .input(featuredProductsInput)
    .query(({ ctx, input }) => catalog.listFeaturedProducts(ctx.db, input)),
  productBySlug: publicProcedure
    .input(productBySlugInput)
    .query(({ ctx, input }) => catalog.getProductBySlug(ctx.db, input.slug)),
});
