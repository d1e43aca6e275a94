// Outgoing webhook events are put on their way inside the transaction of the change they report
// (the transactional outbox): one delivery row per endpoint that chose the event, and one queued
// job per delivery. They commit with the change or not at all, so a receiver never hears of an
// order that was rolled back, and never misses one that was placed.
import { randomUUID } from "node:crypto";

import type { Prisma } from "@bazaar/db";
import type { WebhookEvent } from "@bazaar/validators";

import { enqueueJob } from "../jobs/queue.ts";

/** What an order event says; receivers read the whole order from GET /api/v1/orders/{orderId}. */
export interface OrderEventData {
  orderId: string;
  number: number;
  status: string;
  email: string;
  currency: string;
  totalAmount: number;
  refundedAmount: number;
}

/** The `data` of each event's body. */
export interface WebhookEventData {
  "order.created": OrderEventData;
  "order.paid": OrderEventData;
  "order.fulfilled": OrderEventData & { carrier: string | null; trackingNumber: string | null };
  "order.refunded": OrderEventData & { refund: { id: string; amount: number } };
  "product.updated": { productId: string; slug: string; status: string };
  "stock.low": { variantId: string; sku: string; productId: string; stockOnHand: number; threshold: number };
}

/** The body of every delivery, signed and sent as JSON. */
export interface WebhookPayload<T extends WebhookEvent = WebhookEvent> {
  /** The event's id: the same on every retry and replay, so a receiver can skip what it has seen. */
  id: string;
  type: T;
  createdAt: string;
  data: WebhookEventData[T];
}

export const orderEventData = (order: {
  id: string;
  number: number;
  status: string;
  email: string;
  currency: string;
  totalAmount: number;
  refundedAmount: number;
}): OrderEventData => ({
  orderId: order.id,
  number: order.number,
  status: order.status,
  email: order.email,
  currency: order.currency.trim(),
  totalAmount: order.totalAmount,
  refundedAmount: order.refundedAmount,
});

/** Send `type` to every live endpoint that chose it, when `tx` commits. */
export async function emitWebhookEvent<T extends WebhookEvent>(
  tx: Prisma.TransactionClient,
  type: T,
  data: WebhookEventData[T],
  now = new Date(),
): Promise<void> {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { disabledAt: null, events: { has: type } },
    select: { id: true },
  });
  if (endpoints.length === 0) return;
  const payload: WebhookPayload<T> = { id: `evt_${randomUUID()}`, type, createdAt: now.toISOString(), data };
  for (const endpoint of endpoints) {
    const delivery = await tx.webhookDelivery.create({
      data: {
        endpointId: endpoint.id,
        event: type,
        eventId: payload.id,
        payload: payload as unknown as Prisma.InputJsonObject,
        nextAttemptAt: now,
      },
      select: { id: true },
    });
    await enqueueJob(tx, "deliver-webhook", { deliveryId: delivery.id }, `webhook:${delivery.id}`);
  }
}
