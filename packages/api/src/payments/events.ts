// What payment providers tell us, taken in once: every event is stored (its provider's id unique),
// processed exactly once however often it is delivered, and can be replayed by staff.
import type { Db, Prisma } from "@bazaar/db";

import { catalogChanged, productChangeTags } from "../catalog/cache-tags.ts";
import { announceOrderChange } from "../orders/live.ts";
import { moveOrderWithin } from "../orders/service.ts";
import { paymentEventSchema, type PaymentEventInput } from "./event-schema.ts";

export type EventResult = { status: "processed"; outcome: string } | { status: "duplicate" };

/** Store the event (once) and process it (once). Safe to call for every delivery, concurrently. */
export async function receivePaymentEvent(
  db: Db,
  provider: string,
  event: PaymentEventInput,
): Promise<EventResult> {
  await db.paymentEvent.createMany({
    data: [{ provider, eventId: event.id, type: event.type, payload: event }],
    skipDuplicates: true,
  });
  return processStoredEvent(db, provider, event.id);
}

/** Process a stored event again (staff, after fixing what stopped it): the result is the same. */
export async function replayPaymentEvent(db: Db, provider: string, eventId: string): Promise<EventResult> {
  await db.paymentEvent.update({
    where: { provider_eventId: { provider, eventId } },
    data: { processedAt: null, outcome: null },
  });
  return processStoredEvent(db, provider, eventId);
}

async function processStoredEvent(db: Db, provider: string, eventId: string): Promise<EventResult> {
  const result = await db.$transaction(async (tx) => {
    // The row lock makes concurrent deliveries of one event take turns; the first processes it.
    const [stored] = await tx.$queryRaw<{ id: string; payload: unknown; processedAt: Date | null }[]>`
      SELECT "id", "payload", "processedAt" FROM "PaymentEvent"
      WHERE "provider" = ${provider} AND "eventId" = ${eventId} FOR UPDATE`;
    if (!stored) throw new Error(`payment event ${provider}/${eventId} is not stored`);
    if (stored.processedAt) return { status: "duplicate" as const, restocked: [] };
    const event = paymentEventSchema.parse(stored.payload);
    const { outcome, restocked } = await apply(tx, provider, event);
    await tx.paymentEvent.update({ where: { id: stored.id }, data: { processedAt: new Date(), outcome } });
    return { status: "processed" as const, outcome, restocked };
  });
  if (result.restocked.length > 0) {
    await catalogChanged(productChangeTags(result.restocked));
  }
  return result.status === "duplicate"
    ? { status: "duplicate" }
    : { status: "processed", outcome: result.outcome };
}

async function apply(
  tx: Prisma.TransactionClient,
  provider: string,
  event: PaymentEventInput,
): Promise<{ outcome: string; restocked: string[] }> {
  const payment = await tx.payment.findUnique({
    where: { provider_providerRef: { provider, providerRef: event.data.paymentRef } },
    include: { order: { select: { id: true, status: true, totalAmount: true, currency: true } } },
  });
  if (!payment) return { outcome: "ignored: no such payment", restocked: [] };
  const none = { restocked: [] as string[] };
  switch (event.type) {
    case "payment.requires_action":
      // Deliveries can arrive out of order: a late "needs action" never reopens a settled payment.
      if (payment.status !== "PENDING")
        return { outcome: "ignored: the payment is already past that", ...none };
      await tx.payment.update({ where: { id: payment.id }, data: { status: "REQUIRES_ACTION" } });
      await announceOrderChange(tx, payment.orderId);
      return { outcome: "payment needs the shopper's confirmation", ...none };
    case "payment.failed":
      if (payment.status === "SUCCEEDED")
        return { outcome: "ignored: the payment already succeeded", ...none };
      await tx.payment.update({ where: { id: payment.id }, data: { status: "FAILED" } });
      await announceOrderChange(tx, payment.orderId);
      return { outcome: "payment failed; the order still awaits payment", ...none };
    case "payment.succeeded": {
      await tx.payment.update({ where: { id: payment.id }, data: { status: "SUCCEEDED" } });
      await announceOrderChange(tx, payment.orderId);
      const { order } = payment;
      if (event.data.amount !== order.totalAmount || event.data.currency !== order.currency.trim()) {
        return { outcome: "held: the amount paid is not the order's total", ...none };
      }
      if (order.status === "PENDING_PAYMENT") {
        const { restocked } = await moveOrderWithin(tx, order.id, "PAID");
        return { outcome: "order paid", restocked };
      }
      if (order.status === "PAID" || order.status === "FULFILLED") {
        return { outcome: "order was already paid", ...none };
      }
      // The money arrived after the order expired or was cancelled: nothing is lost, staff refund it.
      return {
        outcome: `held: paid after the order was ${order.status.toLowerCase()}; refund needed`,
        ...none,
      };
    }
  }
}
