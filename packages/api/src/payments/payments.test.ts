// Webhook signatures, and payment events taken in once: redeliveries, races, replays, and
// payments that arrive for an order that can no longer be paid.
import { randomUUID } from "node:crypto";

import { createTestDatabase } from "@bazaar/db/testing";
import { describe, expect, it } from "vitest";

import { insertCatalog, T0 } from "../../test/catalog-fixtures.ts";
import { moveOrder, placeOrder } from "../orders/service.ts";
import type { PaymentEventInput } from "./event-schema.ts";
import { receivePaymentEvent, replayPaymentEvent } from "./events.ts";
import { startPayment } from "./service.ts";
import {
  SIGNATURE_HEADER,
  TEST_PROVIDER,
  testCardOutcome,
  testPaymentEvent,
  testPaymentProvider,
} from "./test-provider.ts";
import { handlePaymentWebhook } from "./webhook.ts";
import {
  signWebhook,
  verifyWebhook,
  WebhookSignatureError,
  SIGNATURE_TOLERANCE_SECONDS,
} from "../webhooks/signature.ts";

const SECRET = "whsec_test_0123456789abcdef";
const RETURN_URL = "http://localhost:3000/orders/o?returned=1";
const startTestPayment = (db: Parameters<typeof startPayment>[0], orderId: string) =>
  startPayment(db, testPaymentProvider(SECRET, db), orderId, RETURN_URL);
const NOW = new Date("2026-11-23T12:00:00Z");

function problem(run: () => void): string | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof WebhookSignatureError) return error.problem;
    throw error;
  }
}

describe("webhook signatures", () => {
  const body = JSON.stringify({ id: "evt_1", type: "payment.succeeded" });

  it("accepts its own signature over the exact body, within five minutes either way", () => {
    const header = signWebhook(SECRET, body, NOW);
    expect(problem(() => verifyWebhook(SECRET, header, body, NOW))).toBeNull();
    const edge = new Date(NOW.getTime() + SIGNATURE_TOLERANCE_SECONDS * 1000);
    expect(problem(() => verifyWebhook(SECRET, header, body, edge))).toBeNull();
  });

  it.each([
    ["no header", () => verifyWebhook(SECRET, null, body, NOW), "missing"],
    ["a header without a signature", () => verifyWebhook(SECRET, "t=1", body, NOW), "malformed"],
    [
      "a timestamp that is no number",
      () => verifyWebhook(SECRET, `t=soon,v1=${"0".repeat(64)}`, body, NOW),
      "malformed",
    ],
    [
      "a delivery older than five minutes",
      () => verifyWebhook(SECRET, signWebhook(SECRET, body, new Date(NOW.getTime() - 301_000)), body, NOW),
      "expired",
    ],
    [
      "a timestamp from the future",
      () => verifyWebhook(SECRET, signWebhook(SECRET, body, new Date(NOW.getTime() + 301_000)), body, NOW),
      "expired",
    ],
    ["another secret", () => verifyWebhook("other", signWebhook(SECRET, body, NOW), body, NOW), "mismatch"],
    [
      "a body changed by one character",
      () => verifyWebhook(SECRET, signWebhook(SECRET, body, NOW), body.replace("1", "2"), NOW),
      "mismatch",
    ],
    [
      "an old signature with a new timestamp",
      () => {
        const old = signWebhook(SECRET, body, new Date(NOW.getTime() - 600_000));
        const moved = old.replace(/t=\d+/, `t=${Math.floor(NOW.getTime() / 1000)}`);
        verifyWebhook(SECRET, moved, body, NOW);
      },
      "mismatch",
    ],
  ])("refuses %s", (_, run, expected) => {
    expect(problem(run)).toBe(expected);
  });
});

const { db } = await createTestDatabase();
await insertCatalog(db, [{ id: "lamp", categoryId: "cat_a", createdAt: T0, variants: [[4500, 100]] }]);

/** An unpaid order for one lamp, with a payment started at the test provider. */
async function orderWithPayment() {
  const order = await placeOrder(db, {
    idempotencyScope: "cart:pay",
    idempotencyKey: randomUUID(),
    userId: null,
    email: "payer@example.test",
    lines: [{ variantId: "lamp_v0", quantity: 1 }],
  });
  const payment = await db.payment.create({
    data: {
      orderId: order.id,
      provider: "test",
      providerRef: `pay_${randomUUID()}`,
      amount: 4500,
      currency: "USD",
    },
  });
  return { order, payment };
}

const event = (
  paymentRef: string,
  type: PaymentEventInput["type"] = "payment.succeeded",
  amount = 4500,
): PaymentEventInput => ({ id: `evt_${randomUUID()}`, type, data: { paymentRef, amount, currency: "USD" } });

const statusOf = async (orderId: string) =>
  (await db.order.findUniqueOrThrow({ where: { id: orderId } })).status;

describe("payment events", () => {
  it("a success marks the order paid; its redelivery is recognised and changes nothing", async () => {
    const { order, payment } = await orderWithPayment();
    const success = event(payment.providerRef);
    expect(await receivePaymentEvent(db, "test", success)).toEqual({
      status: "processed",
      outcome: "order paid",
    });
    expect(await statusOf(order.id)).toBe("PAID");
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("SUCCEEDED");

    const paidAt = (await db.order.findUniqueOrThrow({ where: { id: order.id } })).paidAt;
    expect(await receivePaymentEvent(db, "test", success)).toEqual({ status: "duplicate" });
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).paidAt).toEqual(paidAt);
    expect(await db.paymentEvent.count({ where: { eventId: success.id } })).toBe(1);
  });

  it("ten deliveries of one event at once: stored once, processed once", async () => {
    const { order, payment } = await orderWithPayment();
    const success = event(payment.providerRef);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => receivePaymentEvent(db, "test", success)),
    );
    expect(results.filter((r) => r.status === "processed")).toHaveLength(1);
    expect(results.filter((r) => r.status === "duplicate")).toHaveLength(9);
    expect(await statusOf(order.id)).toBe("PAID");
    expect(await db.paymentEvent.count({ where: { eventId: success.id } })).toBe(1);
  });

  it("a decline leaves the order awaiting payment; a later success pays it", async () => {
    const { order, payment } = await orderWithPayment();
    expect(await receivePaymentEvent(db, "test", event(payment.providerRef, "payment.failed"))).toMatchObject(
      {
        outcome: "payment failed; the order still awaits payment",
      },
    );
    expect(await statusOf(order.id)).toBe("PENDING_PAYMENT");
    await receivePaymentEvent(db, "test", event(payment.providerRef));
    expect(await statusOf(order.id)).toBe("PAID");
  });

  it("events that arrive out of order never reopen a settled payment", async () => {
    const { payment } = await orderWithPayment();
    const paymentStatus = async () =>
      (await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status;
    await receivePaymentEvent(db, "test", event(payment.providerRef, "payment.requires_action"));
    expect(await paymentStatus()).toBe("REQUIRES_ACTION");
    await receivePaymentEvent(db, "test", event(payment.providerRef));
    const late = await receivePaymentEvent(db, "test", event(payment.providerRef, "payment.requires_action"));
    const later = await receivePaymentEvent(db, "test", event(payment.providerRef, "payment.failed"));
    expect([late, later]).toEqual([
      { status: "processed", outcome: "ignored: the payment is already past that" },
      { status: "processed", outcome: "ignored: the payment already succeeded" },
    ]);
    expect(await paymentStatus()).toBe("SUCCEEDED");
  });

  it("a payment of the wrong amount is held, not counted as paying the order", async () => {
    const { order, payment } = await orderWithPayment();
    const result = await receivePaymentEvent(
      db,
      "test",
      event(payment.providerRef, "payment.succeeded", 100),
    );
    expect(result).toEqual({
      status: "processed",
      outcome: "held: the amount paid is not the order's total",
    });
    expect(await statusOf(order.id)).toBe("PENDING_PAYMENT");
  });

  it("money for an order that expired meanwhile is kept on record for a refund, never lost", async () => {
    const { order, payment } = await orderWithPayment();
    await moveOrder(db, order.id, "EXPIRED");
    const success = event(payment.providerRef);
    expect(await receivePaymentEvent(db, "test", success)).toEqual({
      status: "processed",
      outcome: "held: paid after the order was expired; refund needed",
    });
    expect(await statusOf(order.id)).toBe("EXPIRED");
    const stored = await db.paymentEvent.findUniqueOrThrow({
      where: { provider_eventId: { provider: "test", eventId: success.id } },
    });
    expect(stored.outcome).toMatch(/refund needed/);
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("SUCCEEDED");
  });

  it("an event for a payment it does not know is stored and marked ignored", async () => {
    const stray = event("pay_unknown");
    expect(await receivePaymentEvent(db, "test", stray)).toEqual({
      status: "processed",
      outcome: "ignored: no such payment",
    });
    expect(await db.paymentEvent.count({ where: { eventId: stray.id } })).toBe(1);
  });

  it("replaying a processed event runs it again with the same end state", async () => {
    const { order, payment } = await orderWithPayment();
    const success = event(payment.providerRef);
    await receivePaymentEvent(db, "test", success);
    expect(await replayPaymentEvent(db, "test", success.id)).toEqual({
      status: "processed",
      outcome: "order was already paid",
    });
    expect(await statusOf(order.id)).toBe("PAID");
  });

  it("the same event id from two providers is two events", async () => {
    const { payment } = await orderWithPayment();
    const shared = event(payment.providerRef);
    await receivePaymentEvent(db, "test", shared);
    await receivePaymentEvent(db, "other", shared);
    expect(await db.paymentEvent.count({ where: { eventId: shared.id } })).toBe(2);
  });
});

describe("the test provider and the webhook endpoint", () => {
  const deliver = (body: string, header: string | null, now = new Date()) =>
    handlePaymentWebhook(
      db,
      testPaymentProvider(SECRET, db),
      new Request("http://localhost/api/webhooks/payments", {
        method: "POST",
        headers: header ? { [SIGNATURE_HEADER]: header } : {},
        body,
      }),
      now,
    );
  const signed = (payload: unknown) => {
    const body = JSON.stringify(payload);
    return { body, header: signWebhook(SECRET, body) };
  };

  async function startedPayment() {
    const { order } = await orderWithPayment();
    const started = await startTestPayment(db, order.id);
    expect(started.pagePath).toBe(`/pay/${started.providerRef}`);
    const payment = await db.payment.findUniqueOrThrow({
      where: { provider_providerRef: { provider: TEST_PROVIDER, providerRef: started.providerRef } },
    });
    return { order, payment };
  }

  it("the success card pays the order through a signed delivery; a redelivery is a 200 duplicate", async () => {
    const { order, payment } = await startedPayment();
    const { body, header } = signed(testPaymentEvent(payment, testCardOutcome("4242 4242 4242 4242")));
    const first = await deliver(body, header);
    expect([first.status, await first.json()]).toEqual([200, { status: "processed", outcome: "order paid" }]);
    expect(await statusOf(order.id)).toBe("PAID");
    const again = await deliver(body, header);
    expect([again.status, await again.json()]).toEqual([200, { status: "duplicate" }]);
  });

  it("the declined card leaves the order awaiting payment", async () => {
    const { order, payment } = await startedPayment();
    const { body, header } = signed(testPaymentEvent(payment, testCardOutcome("4000000000000002")));
    expect((await deliver(body, header)).status).toBe(200);
    expect(await statusOf(order.id)).toBe("PENDING_PAYMENT");
  });

  it("an unknown card is a 400 on the card number; a paid order cannot be paid again", async () => {
    expect(() => testCardOutcome("1234123412341234")).toThrow(/test cards/);
    const { order } = await startedPayment();
    await moveOrder(db, order.id, "PAID");
    await expect(startTestPayment(db, order.id)).rejects.toThrow(/not awaiting payment/);
  });

  it.each([
    ["no signature", (b: string) => deliver(b, null), "signature missing"],
    [
      "a signature over another body",
      (b: string) => deliver(b, signWebhook(SECRET, `${b} `)),
      "signature mismatch",
    ],
    ["another secret", (b: string) => deliver(b, signWebhook("not-the-secret", b)), "signature mismatch"],
    [
      "a delivery six minutes old",
      (b: string) => deliver(b, signWebhook(SECRET, b, new Date(Date.now() - 360_000))),
      "signature expired",
    ],
  ])("refuses %s with a 400, storing nothing", async (_, send, error) => {
    const { payment } = await startedPayment();
    const event = testPaymentEvent(payment, "succeeded");
    const response = await send(JSON.stringify(event));
    expect([response.status, await response.json()]).toEqual([400, { error }]);
    expect(await db.paymentEvent.count({ where: { eventId: event.id } })).toBe(0);
  });

  it("refuses a signed body that is not JSON, or not an event, with a 400 naming the fields", async () => {
    const notJson = "not json";
    expect((await deliver(notJson, signWebhook(SECRET, notJson))).status).toBe(400);
    const { body, header } = signed({
      id: "evt_x",
      type: "payment.teleported",
      data: { paymentRef: "p", amount: -1, currency: "usd" },
    });
    const response = await deliver(body, header);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { fields: string[] }).fields.sort()).toEqual([
      "data.amount",
      "data.currency",
      "type",
    ]);
  });
});
