// What staff send to build the catalog: products with their variants, pictures and categories.
// Rules that need the database (a slug or SKU already taken, a category that does not exist, a
// move that would put a category inside itself) are the services' to judge.
import { z } from "zod";

import { adminPageInput, recordIdSchema } from "./admin.ts";
import { searchQuerySchema, slugSchema } from "./catalog.ts";
import { currencySchema } from "./money.ts";
import { lineText, paragraphText } from "./text.ts";

export const PRODUCT_STATUSES = ["DRAFT", "PUBLISHED", "ARCHIVED"] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
export const productStatusSchema = z.enum(PRODUCT_STATUSES, "must be draft, published or archived");

const nameSchema = lineText().trim().min(1, "is required").max(200, "is too long");
const descriptionSchema = paragraphText().trim().max(5000, "is too long");

/** Minor units, as every price is. */
const amountSchema = z
  .number("must be a number")
  .int("must be a whole number of cents")
  .min(0, "cannot be negative")
  .max(100_000_000, "is too large");

/** A stock-keeping unit: letters, digits, `-`, `_` and `.`, kept in capitals so "ab-1" is "AB-1". */
export const skuSchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(64, "is too long")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be letters, digits, -, _ or .")
  .transform((sku) => sku.toUpperCase());

/**
 * What tells a product's variants apart, e.g. `{ size: "M", colour: "Navy" }`. Names are the
 * storefront's filter keys (lower case); values are what a shopper picks.
 */
export const variantOptionsSchema = z
  .record(
    z
      .string()
      .trim()
      .min(1, "is required")
      .max(40, "is too long")
      .regex(/^[a-z][a-z0-9-]*$/, "must be a lower-case option name, like size or colour"),
    lineText().trim().min(1, "is required").max(60, "is too long"),
  )
  .refine((options) => Object.keys(options).length <= 6, "can have at most 6 options");
export type VariantOptions = z.infer<typeof variantOptionsSchema>;

/** The same options whatever order they were typed in. */
export function sameOptions(a: VariantOptions, b: VariantOptions): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** A currency the world uses (ISO 4217), where the runtime can say which those are. */
export const isoCurrencySchema = currencySchema.refine(
  (code) => typeof Intl.supportedValuesOf !== "function" || Intl.supportedValuesOf("currency").includes(code),
  "is not an ISO 4217 currency",
);

const openingStockSchema = z
  .number("must be a number")
  .int("must be a whole number")
  .min(0, "cannot be negative")
  .max(1_000_000, "is too large");

/** "Was" price: above the price, or null for none. */
const compareAtSchema = amountSchema.nullable().default(null);

const variantFields = z.object({
  sku: skuSchema,
  name: nameSchema,
  options: variantOptionsSchema.default({}),
  priceAmount: amountSchema,
  compareAtAmount: compareAtSchema,
  /** The stock it starts with; the ledger records it as OPENING. Later changes go through stock adjustments. */
  openingStock: openingStockSchema.default(0),
});

const compareAtAbovePrice = (
  variant: { priceAmount: number; compareAtAmount: number | null },
  ctx: z.RefinementCtx,
  path: (string | number)[],
) => {
  if (variant.compareAtAmount !== null && variant.compareAtAmount <= variant.priceAmount)
    ctx.addIssue({ code: "custom", path, message: "must be above the price" });
};

export const newVariantSchema = variantFields.extend({ currency: isoCurrencySchema });

/** A new product with its first variants, made in one go. */
export const createProductInput = z
  .object({
    name: nameSchema,
    slug: slugSchema,
    description: descriptionSchema.default(""),
    categoryId: recordIdSchema,
    featured: z.boolean().default(false),
    status: productStatusSchema.default("DRAFT"),
    variants: z
      .array(newVariantSchema)
      .min(1, "needs at least one variant")
      .max(100, "has too many variants"),
  })
  .superRefine((product, ctx) => {
    const [first] = product.variants;
    product.variants.forEach((variant, i) => {
      compareAtAbovePrice(variant, ctx, ["variants", i, "compareAtAmount"]);
      if (first && i > 0 && variant.currency !== first.currency)
        ctx.addIssue({
          code: "custom",
          path: ["variants", i, "currency"],
          message: "must be the same for every variant of a product",
        });
      const earlier = product.variants.slice(0, i);
      const sku = earlier.findIndex((other) => other.sku === variant.sku);
      if (sku !== -1)
        ctx.addIssue({
          code: "custom",
          path: ["variants", i, "sku"],
          message: `is already used by variant ${sku + 1}`,
        });
      const twin = earlier.findIndex((other) => sameOptions(other.options, variant.options));
      if (twin !== -1)
        ctx.addIssue({
          code: "custom",
          path: ["variants", i, "options"],
          message: `must differ from variant ${twin + 1}'s`,
        });
    });
  });
export type CreateProductInput = z.input<typeof createProductInput>;

/** Change any of a product's own fields; what is left out stays as it is. */
export const updateProductInput = z.object({
  productId: recordIdSchema,
  name: nameSchema.optional(),
  slug: slugSchema.optional(),
  description: descriptionSchema.optional(),
  categoryId: recordIdSchema.optional(),
  featured: z.boolean().optional(),
});

export const setProductStatusInput = z.object({ productId: recordIdSchema, status: productStatusSchema });

export const productIdInput = z.object({ productId: recordIdSchema });

/** The products table: search by name or SKU, filter by status and category. */
export const adminProductListInput = adminPageInput.extend({
  q: searchQuerySchema.optional(),
  status: productStatusSchema.optional(),
  categoryId: recordIdSchema.optional(),
});

/** Another variant for a product; it takes the product's currency. */
export const addVariantInput = variantFields
  .extend({ productId: recordIdSchema })
  .superRefine((variant, ctx) => compareAtAbovePrice(variant, ctx, ["compareAtAmount"]));

/** Change a variant's SKU, name, options or prices; its stock moves only by stock adjustments. */
export const updateVariantInput = z
  .object({
    variantId: recordIdSchema,
    sku: skuSchema.optional(),
    name: nameSchema.optional(),
    options: variantOptionsSchema.optional(),
    priceAmount: amountSchema.optional(),
    compareAtAmount: amountSchema.nullable().optional(),
  })
  .superRefine((input, ctx) => {
    const { variantId: _, ...changes } = input;
    if (Object.values(changes).every((value) => value === undefined))
      ctx.addIssue({ code: "custom", path: ["variantId"], message: "nothing to change" });
    // Both given: judged here; otherwise against the stored price by the service.
    if (input.priceAmount !== undefined && input.compareAtAmount != null)
      compareAtAbovePrice({ priceAmount: input.priceAmount, compareAtAmount: input.compareAtAmount }, ctx, [
        "compareAtAmount",
      ]);
  });

export const variantIdInput = z.object({ variantId: recordIdSchema });

// ----- pictures ------------------------------------------------------------------------------

/** The largest picture staff may upload. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** What a picture shows, for people who cannot see it. */
export const imageAltSchema = lineText().trim().min(1, "is required").max(250, "is too long");

/**
 * The text fields of an upload. The upload itself is multipart form data with these and a `file`
 * (the api's images.ts reads it: this package assumes neither a DOM nor Node, so no File here).
 */
export const uploadImageFields = z.object({ productId: recordIdSchema, alt: imageAltSchema });

export const reorderImagesInput = z.object({
  productId: recordIdSchema,
  /** Every picture of the product, each once, in the new order. */
  imageIds: z.array(recordIdSchema).min(1, "must list the product's pictures").max(100, "lists too many"),
});

export const imageIdInput = z.object({ imageId: recordIdSchema });

export const updateImageAltInput = z.object({ imageId: recordIdSchema, alt: imageAltSchema });

// ----- categories ----------------------------------------------------------------------------

const categoryNameSchema = lineText().trim().min(1, "is required").max(80, "is too long");

export const createCategoryInput = z.object({
  name: categoryNameSchema,
  slug: slugSchema,
  description: descriptionSchema.default(""),
  /** The department it sits in; none for a top-level one. */
  parentId: recordIdSchema.nullish(),
});

/** Rename, re-describe or move a category (`parentId: null` makes it top-level). */
export const updateCategoryInput = z.object({
  categoryId: recordIdSchema,
  name: categoryNameSchema.optional(),
  slug: slugSchema.optional(),
  description: descriptionSchema.optional(),
  parentId: recordIdSchema.nullable().optional(),
});

export const categoryIdInput = z.object({ categoryId: recordIdSchema });
