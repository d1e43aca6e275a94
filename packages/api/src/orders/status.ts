import type { OrderStatus } from "@bazaar/db";
import { TRPCError } from "@trpc/server";

/**
 * Every move an order may make, in one place. Anything not listed is refused, by
 * `assertTransition` and by `moveOrder`'s conditional update.
 *
 * - An unpaid order is paid, cancelled by its owner or staff, or expires (its stock returns).
 * - A paid order is shipped (fulfilled), cancelled by staff before it ships (its stock returns and
 *   the payment is refunded), or refunded in full; a shipped one can still be refunded, not cancelled.
 * - Cancelled, expired and refunded are final.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING_PAYMENT: ["PAID", "CANCELLED", "EXPIRED"],
  PAID: ["FULFILLED", "CANCELLED", "REFUNDED"],
  FULFILLED: ["REFUNDED"],
  CANCELLED: [],
  EXPIRED: [],
  REFUNDED: [],
};

/** The statuses in which an order holds stock that has not left the warehouse. */
export const HOLDS_STOCK: readonly OrderStatus[] = ["PENDING_PAYMENT", "PAID"];

/**
 * Moves out of `HOLDS_STOCK` that put the stock back: the order ended before it shipped. A refund
 * gives money back, not goods (returned goods are a stock adjustment), so REFUNDED is not here.
 */
export const RELEASES_STOCK: readonly OrderStatus[] = ["CANCELLED", "EXPIRED"];

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
