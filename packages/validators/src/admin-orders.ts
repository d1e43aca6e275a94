// Inputs of the admin console's orders: the table (and its CSV export, which takes the same
// filters), one order, and what staff do to it: ship, cancel, refund. Whether a move is allowed
// (a shipped order cannot be cancelled, a refund cannot exceed what is left) is the service's to
// judge; these schemas only say what a well-formed request is.
import { z } from "zod";

import { adminPageInput, recordIdSchema } from "./admin.ts";
import { lineText, paragraphText } from "./text.ts";

export const ORDER_STATUSES = [
  "PENDING_PAYMENT",
  "PAID",
  "FULFILLED",
  "CANCELLED",
  "EXPIRED",
  "REFUNDED",
] as const;
export type AdminOrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * An order's status in words: the one text for it, on the shopper's pages (web and phone) and in
 * the admin console.
 */
export const ORDER_STATUS_TEXT: Record<AdminOrderStatus, string> = {
  PENDING_PAYMENT: "Awaiting payment",
  PAID: "Paid",
  FULFILLED: "Shipped",
  CANCELLED: "Cancelled",
  EXPIRED: "Expired",
  REFUNDED: "Refunded",
};
export const orderStatusSchema = z.enum(ORDER_STATUSES, `must be one of ${ORDER_STATUSES.join(", ")}`);

/** A calendar day as a date input sends it (YYYY-MM-DD), read as a UTC day. */
const day = z.iso.date("must be a date (YYYY-MM-DD)");

/**
 * The search box: an order number (digits, an optional leading #) or any part of an email.
 * Blank means no search.
 */
const orderSearch = z
  .string()
  .trim()
  .max(254, "is too long")
  .transform((text) => text.replace(/^#(?=\d+$)/, "") || undefined)
  .optional();

const filterShape = {
  status: orderStatusSchema.optional(),
  /** The first day shown, inclusive (UTC). */
  from: day.optional(),
  /** The last day shown, inclusive (UTC). */
  to: day.optional(),
  q: orderSearch,
};

function datesInOrder(input: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) {
  // Only two real dates can be out of order; a malformed one has its own message.
  const { from, to } = input;
  if (from && to && day.safeParse(from).success && day.safeParse(to).success && from > to)
    ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before the start date" });
}

/** The order table's filters; every one is optional and they combine. The CSV export takes these too. */
export const orderFiltersInput = z.object(filterShape).superRefine(datesInOrder);
export type OrderFilters = z.infer<typeof orderFiltersInput>;

/** One page of the order table, newest first. */
export const listAdminOrdersInput = adminPageInput.extend(filterShape).superRefine(datesInOrder);

/** The same page as a query string carries it (REST `GET /orders`): the limit arrives as text. */
export const orderQueryInput = z
  .object({
    ...filterShape,
    cursor: adminPageInput.shape.cursor,
    limit: z.coerce.number().pipe(adminPageInput.shape.limit.unwrap()).default(25),
  })
  .superRefine(datesInOrder);

export const getAdminOrderInput = z.object({ id: recordIdSchema });

/** Staff marked it shipped: the tracking number goes to the shopper's page and mail. */
export const fulfilOrderInput = z.object({
  orderId: recordIdSchema,
  carrier: lineText()
    .trim()
    .max(60, "is too long")
    .transform((text) => text || undefined)
    .optional(),
  trackingNumber: z
    .string()
    .trim()
    .min(1, "is required")
    .max(100, "is too long")
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._/-]*$/, "must be letters, digits, spaces, -, _, . or /"),
});

const reasonSchema = paragraphText().trim().min(1, "is required").max(500, "is too long");

/** Cancel an order that has not shipped: its stock returns, and what was paid is refunded. */
export const cancelOrderInput = z.object({ orderId: recordIdSchema, reason: reasonSchema });

/** Give back part or all of what was paid, in minor units. */
export const refundOrderInput = z.object({
  orderId: recordIdSchema,
  amount: z
    .number("must be a number")
    .int("must be a whole number of minor units")
    .min(1, "must be more than 0")
    .max(100_000_000, "is too large"),
  reason: reasonSchema,
});
