import { z } from "zod";

export const slugSchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(120, "is too long")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase letters, digits and single hyphens");

/** Where a product listing resumes: the last product shown, by (createdAt, id). */
export interface ProductCursor {
  createdAt: Date;
  id: string;
}

// btoa/atob rather than Buffer: these schemas also run in browsers and React Native. The payload
// is ASCII (an ISO date and an id), which is all btoa accepts.
export function encodeProductCursor(cursor: ProductCursor): string {
  const json = JSON.stringify([cursor.createdAt.toISOString(), cursor.id]);
  return btoa(json).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function decodeBase64Url(value: string): string {
  return atob(value.replaceAll("-", "+").replaceAll("_", "/"));
}

const cursorPayload = z.tuple([z.iso.datetime(), z.string().regex(/^[\w-]{1,64}$/)]);

/** The opaque cursor string a client sends back; anything we did not write is a 400 on `cursor`. */
export const productCursorSchema = z
  .string()
  .max(256, "is not a valid cursor")
  .transform((value, ctx): ProductCursor => {
    try {
      const [createdAt, id] = cursorPayload.parse(JSON.parse(decodeBase64Url(value)));
      return { createdAt: new Date(createdAt), id };
    } catch {
      ctx.addIssue({ code: "custom", message: "is not a valid cursor" });
      return z.NEVER;
    }
  });

export const PRODUCT_PAGE_MAX = 60;
/** What a listing shows per page unless the caller asks otherwise. */
export const PRODUCT_PAGE_SIZE = 24;

export const productListInput = z.object({
  categorySlug: slugSchema.optional(),
  cursor: productCursorSchema.nullish(),
  limit: z.number().int().min(1).max(PRODUCT_PAGE_MAX).default(PRODUCT_PAGE_SIZE),
});
export type ProductListInput = z.input<typeof productListInput>;

export const productBySlugInput = z.object({ slug: slugSchema });
export const categoryBySlugInput = z.object({ slug: slugSchema });

export const featuredProductsInput = z.object({
  limit: z.number().int().min(1).max(24).default(8),
});
