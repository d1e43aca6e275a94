import type { OrderStatus } from "@bazaar/db";
import { TRPCError } from "@trpc/server";

/**
 * Every move an order may make, in one place. Anything not listed is refused, by
 * `assertTransition` and by `moveOrder`'s conditional update.
 *
 * - An unpaid order is paid, cancelled by its owner or staff, or expires (its stock returns).
 * - A paid order is shipped (fulfilled) or refunded; a shipped one can still be refunded.
 * - Cancelled, expired and refunded are final.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING_PAYMENT: ["PAID", "CANCELLED", "EXPIRED"],
  PAID: ["FULFILLED", "REFUNDED"],
  FULFILLED: ["REFUNDED"],
  CANCELLED: [],
  EXPIRED: [],
  REFUNDED: [],
};

/** The statuses in which an order still holds stock it has not paid for. */
export const HOLDS_UNPAID_STOCK: readonly OrderStatus[] = ["PENDING_PAYMENT"];

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

const LABEL: Record<OrderStatus, string> = {
  PENDING_PAYMENT: "awaiting payment",
  PAID: "paid",
  FULFILLED: "shipped",
  CANCELLED: "cancelled",
  EXPIRED: "expired",
  REFUNDED: "refunded",
};

export function illegalTransition(from: OrderStatus, to: OrderStatus): TRPCError {
  return new TRPCError({
    code: "CONFLICT",
    message: `An order that is ${LABEL[from]} cannot become ${LABEL[to]}.`,
  });
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) throw illegalTransition(from, to);
}
