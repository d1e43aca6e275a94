import { categoryIdInput, createCategoryInput, updateCategoryInput } from "@bazaar/validators";

import type { Context } from "../../context.ts";
import { createTRPCRouter, staffProcedure } from "../../trpc.ts";
import * as categories from "./service.ts";

const meta = (ctx: Context) => ({ ip: ctx.ip, userAgent: ctx.userAgent });

export const categoriesRouter = createTRPCRouter({
  /** The whole tree with product counts (drafts included). */
  list: staffProcedure.query(({ ctx }) => categories.listCategories(ctx.db)),
  create: staffProcedure
    .input(createCategoryInput)
    .mutation(({ ctx, input }) => categories.createCategory(ctx.db, ctx.session.user.id, input, meta(ctx))),
  /** Rename, re-describe, or move under another parent (`parentId: null`: top level). */
  update: staffProcedure
    .input(updateCategoryInput)
    .mutation(({ ctx, input }) => categories.updateCategory(ctx.db, ctx.session.user.id, input, meta(ctx))),
  /** Only an empty category: no products, no subcategories. */
  delete: staffProcedure
    .input(categoryIdInput)
    .mutation(({ ctx, input }) =>
      categories.deleteCategory(ctx.db, ctx.session.user.id, input.categoryId, meta(ctx)),
    ),
});
