// Inputs shared by the admin console's tables: every table pages on the server by a keyset
// cursor (the last row's time and id), so page 4,000 of 100,000 orders costs what page 1 does.
import { z } from "zod";

import { encodeBase64Url, opaqueCursorSchema } from "./catalog.ts";
import { lineText, paragraphText } from "./text.ts";

/** Where a newest-first table resumes: after the row with this time and id. */
export interface AdminCursor {
  at: Date;
  id: string;
}

export function encodeAdminCursor(cursor: AdminCursor): string {
  return encodeBase64Url(JSON.stringify([cursor.at.toISOString(), cursor.id]));
}

const adminCursorPayload = z.tuple([z.iso.datetime(), z.string().regex(/^[\w-]{1,64}$/)]);

/** The opaque cursor a table's "next page" link carries; anything else is a 400 on `cursor`. */
export const adminCursorSchema = opaqueCursorSchema((json): AdminCursor => {
  const [at, id] = adminCursorPayload.parse(json);
  return { at: new Date(at), id };
});

/** The paging part of every admin table's input. */
export const adminPageInput = z.object({
  cursor: adminCursorSchema.nullish(),
  limit: z.number().int().min(1).max(100).default(25),
});

/** What every admin table returns: one page, the cursor of the next (null at the end), the count. */
export interface AdminPage<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

/** An id of a row the console names (cuid or a seed's readable id). */
export const recordIdSchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(64, "is too long")
  .regex(/^[\w-]+$/, "is not a valid id");

/** Why staff move stock by hand; orders move it themselves (SOLD, RELEASED). */
export const STOCK_ADJUST_REASONS = ["RECEIVED", "DAMAGED", "CORRECTION", "RETURNED"] as const;
export type StockAdjustReason = (typeof STOCK_ADJUST_REASONS)[number];

/** Staff add or take stock, saying why: goods received or returned add, damage takes away. */
const adjustStockSchema = () =>
  z
    .object({
      variantId: recordIdSchema,
      delta: z
        .number("must be a number")
        .int("must be a whole number")
        .min(-1_000_000, "is too large a change")
        .max(1_000_000, "is too large a change")
        .refine((delta) => delta !== 0, "cannot be 0"),
      reason: z.enum(STOCK_ADJUST_REASONS, "must be received, damaged, correction or returned"),
      note: paragraphText().trim().max(500, "is too long").optional(),
    })
    .superRefine((input, ctx) => {
      if ((input.reason === "RECEIVED" || input.reason === "RETURNED") && input.delta < 0)
        ctx.addIssue({
          code: "custom",
          path: ["delta"],
          message: "must add stock for goods received or returned",
        });
      if (input.reason === "DAMAGED" && input.delta > 0)
        ctx.addIssue({ code: "custom", path: ["delta"], message: "must take stock away for damaged goods" });
    });
export const adjustStockInput = adjustStockSchema();
/**
 * The same rules as its own instance for REST `POST /stock/{variantId}/adjustments`: the REST
 * adapter marks a body's number fields as coercing ("5" accepted) on the schema it is given, and
 * that must not loosen the tRPC procedure's schema.
 */
export const stockAdjustmentBody = adjustStockSchema();

export const stockMovementsInput = adminPageInput.extend({ variantId: recordIdSchema });

/** Stock levels as a query string asks for them (REST `GET /stock`): every variant, or one SKU. */
export const stockLevelsQueryInput = z.object({
  sku: lineText().trim().min(1, "is required").max(64, "is too long").optional(),
  /** `nextCursor` from the page before. */
  cursor: recordIdSchema.optional(),
  limit: z.coerce
    .number("must be a number")
    .pipe(
      z.number().int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100"),
    )
    .default(50),
});
