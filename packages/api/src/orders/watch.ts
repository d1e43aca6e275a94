import type { Db } from "@bazaar/db";

import type { OrderFeed } from "./live.ts";

/** What the order page follows live: the status, the latest payment, shipping and refunds. */
export const orderProgressView = {
  id: true,
  status: true,
  paidAt: true,
  fulfilledAt: true,
  cancelledAt: true,
  reservedUntil: true,
  carrier: true,
  trackingNumber: true,
  refundedAmount: true,
  payments: { select: { status: true, submittedAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
} as const;

/** Re-read this often even without a notice: a safety net for a notice lost with a connection. */
const RECHECK_MS = 15_000;

/**
 * The order's progress now, then again each time it changes, until `signal` aborts. Notices only
 * wake the loop; what is sent is always read from the database, so a missed or doubled notice
 * cannot show a state the order is not in.
 */
export async function* watchOrder(
  db: Db,
  feed: OrderFeed | null,
  orderId: string,
  signal: AbortSignal | undefined,
) {
  let pending = true;
  let wake: (() => void) | undefined;
  const poke = () => {
    pending = true;
    wake?.();
  };
  const unsubscribe = feed ? await feed.subscribe(orderId, poke) : () => undefined;
  const timer = setInterval(poke, RECHECK_MS);
  signal?.addEventListener("abort", poke);
  try {
    let last = "";
    while (!signal?.aborted) {
      if (!pending) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      if (signal?.aborted) return;
      pending = false;
      const progress = await db.order.findUnique({ where: { id: orderId }, select: orderProgressView });
      if (!progress) return;
      const seen = JSON.stringify(progress);
      if (seen !== last) {
        last = seen;
        yield progress;
      }
    }
  } finally {
    unsubscribe();
    clearInterval(timer);
    signal?.removeEventListener("abort", poke);
  }
}
