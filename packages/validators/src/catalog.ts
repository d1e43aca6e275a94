import { z } from "zod";

import { lineText, withoutUnsafeCharacters } from "./text.ts";

export const slugSchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(120, "is too long")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase letters, digits and single hyphens");

/** How a listing is ordered. "relevance" needs a search query. */
export const PRODUCT_SORTS = ["relevance", "newest", "price-asc", "price-desc"] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

/**
 * Where a listing resumes: the sort it belongs to, the last item's sort key (a date, a price in
 * minor units, or a relevance score) and its id, which breaks ties.
 */
export interface ProductCursor {
  sort: ProductSort;
  key: string | number;
  id: string;
}

// btoa/atob rather than Buffer: these schemas also run in browsers and React Native. The payload
// is ASCII (a sort name, a number or ISO date, an id), which is all btoa accepts.
export function encodeProductCursor(cursor: ProductCursor): string {
  return encodeBase64Url(JSON.stringify([cursor.sort, cursor.key, cursor.id]));
}

export function encodeBase64Url(json: string): string {
  return btoa(json).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The characters an encoded cursor is written in. */
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function decodeBase64Url(value: string): string {
  return atob(value.replaceAll("-", "+").replaceAll("_", "/"));
}

const cursorPayload = z.tuple([
  z.enum(PRODUCT_SORTS),
  z.union([z.iso.datetime(), z.number().finite()]),
  z.string().regex(/^[\w-]{1,64}$/),
]);

/**
 * An opaque cursor string a client sends back, read by `decode` (which throws on anything we did
 * not write): a 400 on `cursor` otherwise. The checks abort, so a cursor that is not one says so
 * alone (not also, say, "belongs to a different sort order" from the listing's own checks).
 */
export function opaqueCursorSchema<T>(decode: (json: unknown) => T) {
  return z
    .string()
    .max(256, { message: "is not a valid cursor", abort: true })
    .regex(BASE64URL, { message: "is not a valid cursor", abort: true })
    .transform((value, ctx): T => {
      try {
        return decode(JSON.parse(decodeBase64Url(value)));
      } catch {
        ctx.addIssue({ code: "custom", message: "is not a valid cursor" });
        return z.NEVER;
      }
    });
}

export const productCursorSchema = opaqueCursorSchema((json): ProductCursor => {
  const [sort, key, id] = cursorPayload.parse(json);
  return { sort, key, id };
});

/** A search as typed: control characters dropped, trimmed, at most 100 characters; blank means no search. */
export const searchQuerySchema = z
  .string()
  .overwrite(withoutUnsafeCharacters)
  .trim()
  .max(100, "is too long")
  .transform((q) => (q === "" ? undefined : q));

/** Minor units (cents), as every price is. */
const priceBound = z
  .number()
  .int("must be a whole number of cents")
  .min(0, "cannot be negative")
  .max(100_000_000);

/** Option filters: `{ size: ["M", "L"], colour: ["Navy"] }` = (M or L) and Navy. */
export const optionFiltersSchema = z
  .record(
    z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[a-z][a-z0-9-]*$/, "must be an option name"),
    z.array(lineText().trim().min(1).max(60)).min(1).max(20),
  )
  .refine((options) => Object.keys(options).length <= 6, "has too many options");

export const PRODUCT_PAGE_MAX = 60;
/** What a listing shows per page unless the caller asks otherwise. */
export const PRODUCT_PAGE_SIZE = 24;

/** What a listing filters, sorts and pages by; the storefront adds variant options. */
const listingShape = {
  /** A category; its subcategories' products are included. */
  categorySlug: slugSchema.optional(),
  q: searchQuerySchema.optional(),
  minPrice: priceBound.optional(),
  maxPrice: priceBound.optional(),
  /** Only products with at least one variant in stock. */
  inStock: z.boolean().optional(),
  /** Default: relevance with a search, newest without. */
  sort: z.enum(PRODUCT_SORTS).optional(),
  cursor: productCursorSchema.nullish(),
  limit: z.number().int().min(1).max(PRODUCT_PAGE_MAX).default(PRODUCT_PAGE_SIZE),
};

interface ListingChoice {
  minPrice?: number | undefined;
  maxPrice?: number | undefined;
  q?: string | undefined;
  sort?: ProductSort | undefined;
  cursor?: ProductCursor | null | undefined;
}

function consistentListing(input: ListingChoice, ctx: z.RefinementCtx) {
  if (input.minPrice !== undefined && input.maxPrice !== undefined && input.minPrice > input.maxPrice) {
    ctx.addIssue({ code: "custom", path: ["maxPrice"], message: "must not be below the minimum price" });
  }
  if (input.sort === "relevance" && !input.q) {
    ctx.addIssue({ code: "custom", path: ["sort"], message: "relevance needs a search query" });
  }
  const sort = input.sort ?? (input.q ? "relevance" : "newest");
  if (input.cursor && input.cursor.sort !== sort) {
    ctx.addIssue({ code: "custom", path: ["cursor"], message: "belongs to a different sort order" });
  }
}

export const productListInput = z
  .object({ ...listingShape, options: optionFiltersSchema.optional() })
  .superRefine(consistentListing);
/**
 * The listing as a query string carries it (REST `GET /products`): numbers arrive as text, and a
 * boolean must read "false" as false, which plain coercion would not.
 */
export const productQueryInput = z
  .object({
    ...listingShape,
    minPrice: z.coerce.number().pipe(priceBound).optional(),
    maxPrice: z.coerce.number().pipe(priceBound).optional(),
    inStock: z.stringbool().optional(),
    limit: z.coerce.number().pipe(listingShape.limit.unwrap()).default(PRODUCT_PAGE_SIZE),
  })
  .superRefine(consistentListing);
export type ProductListInput = z.input<typeof productListInput>;

export const productBySlugInput = z.object({ slug: slugSchema });
export const categoryBySlugInput = z.object({ slug: slugSchema });

export const featuredProductsInput = z.object({
  limit: z.number().int().min(1).max(24).default(8),
});

/** Facets for the filter panel of a listing: the same filters as `productListInput`, no paging. */
export const productFacetsInput = z.object({
  categorySlug: slugSchema.optional(),
  q: searchQuerySchema.optional(),
  minPrice: priceBound.optional(),
  maxPrice: priceBound.optional(),
  inStock: z.boolean().optional(),
  options: optionFiltersSchema.optional(),
});

/** Search-as-you-type. */
export const searchSuggestInput = z.object({
  q: z.string().overwrite(withoutUnsafeCharacters).trim().min(1, "is required").max(100, "is too long"),
  limit: z.number().int().min(1).max(10).default(6),
});

export const relatedProductsInput = z.object({
  slug: slugSchema,
  limit: z.number().int().min(1).max(12).default(4),
});
