import type { RouterOutputs } from "@bazaar/api";

export type OrderStatus = RouterOutputs["orders"]["mine"][number]["status"];

/** An order's status in words: the one text for it, on the shopper's pages and in the admin console. */
export const ORDER_STATUS_TEXT: Record<OrderStatus, string> = {
  PENDING_PAYMENT: "Awaiting payment",
  PAID: "Paid",
  FULFILLED: "Shipped",
  CANCELLED: "Cancelled",
  EXPIRED: "Expired",
  REFUNDED: "Refunded",
};
