import {
  addVariantInput,
  adminProductListInput,
  createProductInput,
  imageIdInput,
  productIdInput,
  reorderImagesInput,
  setProductStatusInput,
  updateImageAltInput,
  updateProductInput,
  updateVariantInput,
  variantIdInput,
} from "@bazaar/validators";

import type { Context } from "../../context.ts";
import { createTRPCRouter, staffProcedure } from "../../trpc.ts";
import * as images from "./images.ts";
import * as products from "./service.ts";

const meta = (ctx: Context) => ({ ip: ctx.ip, userAgent: ctx.userAgent });

export const adminProductsRouter = createTRPCRouter({
  /** The products table: search, status and category filters, newest first. */
  list: staffProcedure
    .input(adminProductListInput)
    .query(({ ctx, input }) => products.listProducts(ctx.db, input)),
  /** One product with its variants (and stock) and pictures, for the edit page. */
  get: staffProcedure
    .input(productIdInput)
    .query(({ ctx, input }) => products.getProduct(ctx.db, input.productId)),
  create: staffProcedure
    .input(createProductInput)
    .mutation(({ ctx, input }) => products.createProduct(ctx.db, ctx.session.user.id, input, meta(ctx))),
  update: staffProcedure
    .input(updateProductInput)
    .mutation(({ ctx, input }) => products.updateProduct(ctx.db, ctx.session.user.id, input, meta(ctx))),
  /** Publish, unpublish (back to draft) or archive. */
  setStatus: staffProcedure
    .input(setProductStatusInput)
    .mutation(({ ctx, input }) => products.setProductStatus(ctx.db, ctx.session.user.id, input, meta(ctx))),
  addVariant: staffProcedure
    .input(addVariantInput)
    .mutation(({ ctx, input }) => products.addVariant(ctx.db, ctx.session.user.id, input, meta(ctx))),
  /** SKU, name, options and prices; stock changes only through admin.stock.adjust. */
  updateVariant: staffProcedure
    .input(updateVariantInput)
    .mutation(({ ctx, input }) => products.updateVariant(ctx.db, ctx.session.user.id, input, meta(ctx))),
  removeVariant: staffProcedure
    .input(variantIdInput)
    .mutation(({ ctx, input }) =>
      products.removeVariant(ctx.db, ctx.session.user.id, input.variantId, meta(ctx)),
    ),
  /** Multipart form data: `productId`, `alt` and `file` (PNG, JPEG or WebP, at most 5 MB). */
  uploadImage: staffProcedure
    .meta({ multipart: true })
    .input(images.uploadImageInput)
    .mutation(({ ctx, input }) =>
      images.uploadImage(ctx.db, ctx.mediaStorage, ctx.session.user.id, input, meta(ctx)),
    ),
  reorderImages: staffProcedure
    .input(reorderImagesInput)
    .mutation(({ ctx, input }) => images.reorderImages(ctx.db, ctx.session.user.id, input, meta(ctx))),
  deleteImage: staffProcedure
    .input(imageIdInput)
    .mutation(({ ctx, input }) =>
      images.deleteImage(ctx.db, ctx.mediaStorage, ctx.session.user.id, input.imageId, meta(ctx)),
    ),
  updateImageAlt: staffProcedure
    .input(updateImageAltInput)
    .mutation(({ ctx, input }) => images.updateImageAlt(ctx.db, ctx.session.user.id, input, meta(ctx))),
});
