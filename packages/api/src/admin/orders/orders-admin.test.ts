// Staff working orders through the API, on the real database: the table and its filters, one
// order's history, shipping (with the notice mailed through the job queue to a real SMTP server),
// cancelling (stock back, paid ones refunded), refunds in part and in full, racing refunds, a
// provider that refuses, every refusal changing nothing, and the CSV export read back.
import { randomUUID } from "node:crypto";

import { createTestDatabase } from "@bazaar/db/testing";
import { createSmtpMailer } from "@bazaar/mail";
import { startSmtpCatcher } from "@bazaar/mail/testing";
import { encodeAdminCursor } from "@bazaar/validators";
import { parse } from "csv-parse/sync";
import type { Runner } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { signInPersonas, type Persona, type SignedIn } from "../../../test/accounts.ts";
import { insertCatalog, T0 } from "../../../test/catalog-fixtures.ts";
import { callHttp } from "../../../test/http.ts";
import { insertOrder } from "../../../test/order-rows.ts";
import { payWithTestCard } from "../../../test/payments.ts";
import { enqueueJob } from "../../jobs/queue.ts";
import { startWorker } from "../../jobs/worker.ts";
import { logger } from "../../logger.ts";
import { orderAccessToken } from "../../orders/access.ts";
import { createOrderFeed } from "../../orders/live.ts";
import { placeOrder } from "../../orders/service.ts";
import { watchOrder } from "../../orders/watch.ts";
import { RefundRefusedError, type PaymentProvider } from "../../payments/provider.ts";
import { REFUND_REFUSING_CARD, testPaymentProvider } from "../../payments/test-provider.ts";
import { ledgerMismatches } from "../../stock/ledger.ts";
import { readWebhooksEnv } from "../../webhooks/env.ts";
import { CSV_COLUMNS, exportOrdersCsv } from "./export.ts";
import { refundOrder } from "./service.ts";

const { db, url } = await createTestDatabase();
await insertCatalog(db, [
  { id: "mug", categoryId: "cat_a", createdAt: T0, variants: [[1500, 1000]] },
  {
    id: "lamp",
    categoryId: "cat_b",
    createdAt: T0,
    variants: [
      [4000, 1000],
      [2500, 20],
    ],
  },
]);
const SIGNING_SECRET = "s".repeat(32);
const APP_URL = "http://shop.example.test";
const provider = testPaymentProvider("whsec_admin_orders_0123456789", db);
const feed = createOrderFeed(url);
let people: Record<Persona, SignedIn>;
beforeAll(async () => {
  people = await signInPersonas(db);
});
afterAll(() => feed.close());

// ---- helpers --------------------------------------------------------------------------------

const ADDRESS = {
  name: "Robin Buyer",
  line1: "1 Main St",
  city: "Oakland",
  postalCode: "94607",
  country: "US",
};

/** An unpaid order for two mugs and a lamp: 2 × 15.00 + 40.00 + 5.00 shipping = 75.00. */
function place(email = `buyer-${randomUUID()}@example.test`) {
  return placeOrder(db, {
    idempotencyScope: `cart:${randomUUID()}`,
    idempotencyKey: randomUUID(),
    userId: null,
    email,
    lines: [
      { variantId: "mug_v0", quantity: 2 },
      { variantId: "lamp_v0", quantity: 1 },
    ],
    shippingAmount: 500,
    shipping: { address: ADDRESS, method: "Standard" },
  });
}

const pay = (orderId: string, card?: string) =>
  payWithTestCard(db, provider, orderId, { signingSecret: SIGNING_SECRET, appUrl: APP_URL, card });

async function paidOrder(card?: string) {
  const order = await place();
  await pay(order.id, card);
  return order;
}

const as = (who: Persona, procedure: string, input: unknown, mutation = true) =>
  callHttp(db, `admin.orders.${procedure}`, { token: people[who].token, input, mutation });
const fulfil = (input: Record<string, unknown>) => as("staff", "fulfil", input);
const cancel = (input: Record<string, unknown>) => as("staff", "cancel", input);
const refund = (input: Record<string, unknown>) => as("staff", "refund", input);

const stored = (id: string) => db.order.findUniqueOrThrow({ where: { id }, include: { refunds: true } });
const onHand = async (variantId: string) =>
  (await db.productVariant.findUniqueOrThrow({ where: { id: variantId } })).stockOnHand;
const auditOf = (orderId: string, action: string) =>
  db.auditLog.findMany({
    where: { targetType: "order", targetId: orderId, action },
    orderBy: { createdAt: "asc" },
  });
const jobsFor = (orderId: string) =>
  db.$queryRaw<{ key: string | null; attempts: number }[]>`
    SELECT j.key, j.attempts FROM graphile_worker._private_jobs j
    JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE t.identifier = 'send-shipping-notice' AND j.payload->>'orderId' = ${orderId}`;

/** Everything a refused call must leave as it was. */
async function snapshot(orderId: string) {
  const order = await stored(orderId);
  return {
    status: order.status,
    updatedAt: order.updatedAt,
    refundedAmount: order.refundedAmount,
    refunds: order.refunds.length,
    carrier: order.carrier,
    trackingNumber: order.trackingNumber,
    audit: await db.auditLog.count({ where: { targetType: "order", targetId: orderId } }),
    mugs: await onHand("mug_v0"),
    lamps: await onHand("lamp_v0"),
    shippingJobs: (await jobsFor(orderId)).length,
  };
}

async function eventually<T>(check: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The next state a watcher sends, or a failure after a few seconds. */
async function next<T>(iterator: AsyncIterator<T>, ms = 5_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no update within ${ms} ms`)), ms);
  });
  try {
    const result = await Promise.race([iterator.next(), timeout]);
    if (result.done) throw new Error("the watcher ended");
    return result.value;
  } finally {
    clearTimeout(timer);
  }
}

// ---- the table --------------------------------------------------------------------------------

describe("admin.orders.list", () => {
  // Placed in 2020, so the date filter keeps them apart from the orders the other tests place.
  const day = (d: number, hour = 12) => new Date(Date.UTC(2020, 0, d, hour));
  type Row = Awaited<ReturnType<typeof insertOrder>>;
  let ada: Row, grace: Row, ada2: Row, edsger: Row, odd: Row;
  beforeAll(async () => {
    ada = await insertOrder(db, { email: "ada@lovelace.example", totalAmount: 1000, createdAt: day(1) });
    grace = await insertOrder(db, {
      email: "grace@hopper.example",
      totalAmount: 2000,
      createdAt: day(2),
      paidAt: day(2),
    });
    ada2 = await insertOrder(db, {
      email: "ADA.2@Lovelace.example",
      totalAmount: 3000,
      createdAt: day(3),
      paidAt: day(3),
    });
    edsger = await insertOrder(db, {
      email: "edsger@dijkstra.example",
      totalAmount: 4000,
      createdAt: day(3),
    });
    odd = await insertOrder(db, { email: "100%_sure@odd.example", totalAmount: 5000, createdAt: day(5) });
  });
  const list = (input: Record<string, unknown>) =>
    as("staff", "list", { from: "2020-01-01", to: "2020-01-31", ...input }, false);
  interface Page {
    items: { id: string; number: number; email: string; status: string }[];
    nextCursor: string | null;
    total: number;
  }

  it("pages newest first (ties by id) with a keyset cursor, and counts every match", async () => {
    const first = (await list({ limit: 2 })).data as Page;
    expect(first.total).toBe(5);
    const second = (await list({ limit: 2, cursor: first.nextCursor })).data as Page;
    const third = (await list({ limit: 2, cursor: second.nextCursor })).data as Page;
    expect(third.nextCursor).toBeNull();
    const seen = [...first.items, ...second.items, ...third.items].map((item) => item.id);
    // Two were placed at the same instant: the larger id comes first.
    const tied = [ada2.id, edsger.id].sort().reverse();
    expect(seen).toEqual([odd.id, ...tied, grace.id, ada.id]);
  });

  it.each([
    [{ status: "PAID" }, ["ADA.2@Lovelace.example", "grace@hopper.example"]],
    [{ from: "2020-01-03", to: "2020-01-03" }, ["ADA.2@Lovelace.example", "edsger@dijkstra.example"]],
    [{ q: "lovelace" }, ["ADA.2@Lovelace.example", "ada@lovelace.example"]],
    [{ q: "LOVELACE", status: "PENDING_PAYMENT" }, ["ada@lovelace.example"]],
    // The pattern's own wildcards are literal: "%_" matches only the address that has them.
    [{ q: "%_" }, ["100%_sure@odd.example"]],
    [{ q: "no-one-at-all" }, []],
  ])("filters %o", async (filters, emails) => {
    const page = (await list(filters)).data as Page;
    expect(page.items.map((item) => item.email).sort()).toEqual([...emails].sort());
    expect(page.total).toBe(emails.length);
  });

  it("finds an order by its number, with or without #, and only that one", async () => {
    for (const q of [String(grace.number), `#${grace.number}`]) {
      const page = (await list({ q, from: undefined, to: undefined })).data as Page;
      expect(page.items.map((item) => item.id)).toEqual([grace.id]);
    }
  });

  it.each([
    [{ status: "LOST" }, "status"],
    [{ from: "2020-02-30" }, "from"],
    [{ from: "yesterday" }, "from"],
    [{ from: "2020-01-05", to: "2020-01-01" }, "to"],
    [{ q: "x".repeat(255) }, "q"],
    [{ limit: 101 }, "limit"],
    [{ cursor: "garbage" }, "cursor"],
    [{ cursor: encodeAdminCursor({ at: new Date(), id: "bad id!" }) }, "cursor"],
  ])("refuses %o with a 400 on %s", async (input, field) => {
    const { status, error } = await list(input);
    expect(status).toBe(400);
    expect(Object.keys(error?.data.fieldErrors ?? {})).toEqual([field]);
  });
});

// ---- shipping -----------------------------------------------------------------------------------

describe("admin.orders.fulfil", () => {
  it("ships a paid order: tracking stored, the live page told, the notice queued with it, audited", async () => {
    const order = await paidOrder();
    const stop = new AbortController();
    const watcher = watchOrder(db, feed, order.id, stop.signal);
    expect(await next(watcher)).toMatchObject({ status: "PAID", trackingNumber: null });

    const { status, data } = await fulfil({
      orderId: order.id,
      carrier: " UPS ",
      trackingNumber: "1Z 999 AA1",
    });
    expect(status).toBe(200);
    expect(data).toMatchObject({ status: "FULFILLED", carrier: "UPS", trackingNumber: "1Z 999 AA1" });
    // The shopper's page hears of it over the feed, with the carrier and tracking number.
    expect(await next(watcher)).toMatchObject({
      status: "FULFILLED",
      carrier: "UPS",
      trackingNumber: "1Z 999 AA1",
    });
    stop.abort();

    const after = await stored(order.id);
    expect(after.fulfilledAt).not.toBeNull();
    expect(await jobsFor(order.id)).toEqual([{ key: `shipping-notice:${order.id}`, attempts: 0 }]);
    const [audit] = await auditOf(order.id, "order.fulfilled");
    expect(audit).toMatchObject({
      actorId: people.staff.id,
      before: { status: "PAID", carrier: null, trackingNumber: null, fulfilledAt: null },
      after: {
        status: "FULFILLED",
        carrier: "UPS",
        trackingNumber: "1Z 999 AA1",
        fulfilledAt: after.fulfilledAt?.toISOString(),
      },
    });
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'send-shipping-notice')`;
  });

  it("a second fulfil is a 409 and changes nothing", async () => {
    const order = await paidOrder();
    expect((await fulfil({ orderId: order.id, trackingNumber: "T1" })).status).toBe(200);
    const before = await snapshot(order.id);
    const again = await fulfil({ orderId: order.id, trackingNumber: "T2" });
    expect([again.status, again.error?.message]).toEqual([
      409,
      `Order ${order.number} is already marked shipped.`,
    ]);
    expect(await snapshot(order.id)).toEqual(before);
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'send-shipping-notice')`;
  });

  it("an unpaid order cannot be shipped (409), and nothing changes", async () => {
    const order = await place();
    const before = await snapshot(order.id);
    const { status, error } = await fulfil({ orderId: order.id, trackingNumber: "T1" });
    expect([status, error?.message]).toEqual([
      409,
      "An order that is awaiting payment cannot become shipped.",
    ]);
    expect(await snapshot(order.id)).toEqual(before);
  });

  it.each([
    [{ trackingNumber: "" }, "trackingNumber"],
    [{ trackingNumber: "<script>" }, "trackingNumber"],
    [{ trackingNumber: "T1", carrier: "x".repeat(61) }, "carrier"],
    [{ trackingNumber: "T1", orderId: "" }, "orderId"],
  ])("refuses %o with a 400 on %s and changes nothing", async (input, field) => {
    const order = await paidOrder();
    const before = await snapshot(order.id);
    const { status, error } = await fulfil({ orderId: order.id, ...input });
    expect(status).toBe(400);
    expect(Object.keys(error?.data.fieldErrors ?? {})).toEqual([field]);
    expect(await snapshot(order.id)).toEqual(before);
  });

  it("answers 404 for an unknown order", async () => {
    expect((await fulfil({ orderId: "no-such-order", trackingNumber: "T1" })).status).toBe(404);
  });
});

describe("the shipping notice", () => {
  let runner: Runner | undefined;
  afterAll(async () => runner?.stop());

  it("is mailed by the job with the tracking number and the signed order link, once even when the job runs again", async () => {
    const smtp = await startSmtpCatcher();
    try {
      const email = `shipped-${randomUUID()}@example.test`;
      const order = await place(email);
      await pay(order.id);
      await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'send-order-confirmation')`;
      expect((await fulfil({ orderId: order.id, carrier: "DHL", trackingNumber: "JD0146000" })).status).toBe(
        200,
      );

      runner = await startWorker(
        {
          databaseUrl: url,
          db,
          mailer: createSmtpMailer(smtp.url, "Bazaar <shop@bazaar.test>"),
          appUrl: APP_URL,
          signingSecret: SIGNING_SECRET,
          paymentsWebhookSecret: "unused-here-0123456789",
          log: logger,
          webhooks: { retryBaseMs: 100, allowPrivateTargets: true, secrets: readWebhooksEnv().secrets },
        },
        { concurrency: 1 },
      );
      const mail = await eventually(() => Promise.resolve(smtp.messages.find((m) => m.to.includes(email))));
      expect(mail.subject).toBe(`Your Bazaar order ${order.number} has shipped`);
      expect(mail.text).toContain("Carrier: DHL");
      expect(mail.text).toContain("Tracking number: JD0146000");
      const link = `${APP_URL}/orders/${order.id}?access=${encodeURIComponent(orderAccessToken(SIGNING_SECRET, order.id))}`;
      expect(mail.text).toContain(`Follow your order: ${link}`);
      await eventually(async () => (await jobsFor(order.id)).length === 0);
      expect((await stored(order.id)).shippedMailSentAt).not.toBeNull();

      // The queue delivers at least once: the same job again (a retry) sends nothing more.
      await db.$transaction((tx) =>
        enqueueJob(tx, "send-shipping-notice", { orderId: order.id }, `again:${order.id}`),
      );
      await eventually(async () => (await jobsFor(order.id)).length === 0);
      expect(smtp.messages.filter((m) => m.to.includes(email))).toHaveLength(1);
    } finally {
      await runner?.stop();
      runner = undefined;
      await smtp.close();
    }
  });
});

// ---- cancelling -------------------------------------------------------------------------------

describe("admin.orders.cancel", () => {
  const releasedRows = (orderId: string) =>
    db.stockMovement.findMany({ where: { orderId, reason: "RELEASED" }, orderBy: { variantId: "asc" } });

  it("cancels an unpaid order: the stock returns, the ledger names the order and who, audited", async () => {
    const order = await place();
    const [mugs, lamps] = [await onHand("mug_v0"), await onHand("lamp_v0")];
    const { status, data } = await cancel({ orderId: order.id, reason: "Shopper asked by phone" });
    expect(status).toBe(200);
    expect(data).toMatchObject({ status: "CANCELLED", refundedAmount: 0 });
    expect([await onHand("mug_v0"), await onHand("lamp_v0")]).toEqual([mugs + 2, lamps + 1]);
    const released = await releasedRows(order.id);
    expect(released.map((m) => [m.variantId, m.delta, m.actorId])).toEqual([
      ["lamp_v0", 1, people.staff.id],
      ["mug_v0", 2, people.staff.id],
    ]);
    expect((await stored(order.id)).refunds).toEqual([]);
    const [audit] = await auditOf(order.id, "order.cancelled");
    expect(audit).toMatchObject({
      actorId: people.staff.id,
      before: { status: "PENDING_PAYMENT", cancelledAt: null },
      after: { status: "CANCELLED" },
      details: { reason: "Shopper asked by phone", refund: null },
    });
  });

  it("cancels a paid order: the stock returns and the whole payment is refunded through the provider", async () => {
    const order = await paidOrder();
    const mugs = await onHand("mug_v0");
    const { status, data } = await cancel({ orderId: order.id, reason: "Out of gift wrap" });
    expect(status).toBe(200);
    expect(data).toMatchObject({ status: "CANCELLED", refundedAmount: 7500 });
    expect(await onHand("mug_v0")).toBe(mugs + 2);
    expect((await releasedRows(order.id)).every((m) => m.actorId === people.staff.id)).toBe(true);
    const [only] = (await stored(order.id)).refunds;
    expect(only).toMatchObject({
      amount: 7500,
      reason: "Order cancelled: Out of gift wrap",
      actorId: people.staff.id,
    });
    expect(only?.providerRef).toMatch(/^re_[0-9a-f]{32}$/);
    const [audit] = await auditOf(order.id, "order.cancelled");
    expect(audit).toMatchObject({
      before: { status: "PAID", refundedAmount: 0 },
      after: { status: "CANCELLED", refundedAmount: 7500 },
      details: { refund: { amount: 7500, providerRef: only?.providerRef } },
    });
  });

  it("a shipped order cannot be cancelled (409: refund it instead), and nothing changes", async () => {
    const order = await paidOrder();
    await fulfil({ orderId: order.id, trackingNumber: "T1" });
    const before = await snapshot(order.id);
    const { status, error } = await cancel({ orderId: order.id, reason: "Too late" });
    expect([status, error?.message]).toEqual([
      409,
      "This order has shipped, so it cannot be cancelled: refund it instead.",
    ]);
    expect(await snapshot(order.id)).toEqual(before);
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'send-shipping-notice')`;
  });

  it("a cancelled order cannot be cancelled again (409)", async () => {
    const order = await place();
    await cancel({ orderId: order.id, reason: "Once" });
    const before = await snapshot(order.id);
    expect((await cancel({ orderId: order.id, reason: "Twice" })).status).toBe(409);
    expect(await snapshot(order.id)).toEqual(before);
  });

  it.each([
    [{ reason: "" }, "reason"],
    [{ reason: "   " }, "reason"],
    [{ reason: "x".repeat(501) }, "reason"],
  ])("refuses %o with a 400 on %s and changes nothing", async (input, field) => {
    const order = await place();
    const before = await snapshot(order.id);
    const { status, error } = await cancel({ orderId: order.id, ...input });
    expect(status).toBe(400);
    expect(Object.keys(error?.data.fieldErrors ?? {})).toEqual([field]);
    expect(await snapshot(order.id)).toEqual(before);
  });
});

// ---- refunds ----------------------------------------------------------------------------------

describe("admin.orders.refund", () => {
  it("refunds in part, then the rest: the order turns REFUNDED, each refund stored and audited", async () => {
    const order = await paidOrder();
    const stop = new AbortController();
    const watcher = watchOrder(db, feed, order.id, stop.signal);
    expect(await next(watcher)).toMatchObject({ status: "PAID", refundedAmount: 0 });

    const part = await refund({ orderId: order.id, amount: 500, reason: "Scratched mug" });
    expect([part.status, part.data]).toMatchObject([200, { status: "PAID", refundedAmount: 500 }]);
    // The shopper's page shows the refund live.
    expect(await next(watcher)).toMatchObject({ status: "PAID", refundedAmount: 500 });

    const rest = await refund({ orderId: order.id, amount: 7000, reason: "Customer returned it all" });
    expect([rest.status, rest.data]).toMatchObject([200, { status: "REFUNDED", refundedAmount: 7500 }]);
    expect(await next(watcher)).toMatchObject({ status: "REFUNDED", refundedAmount: 7500 });
    stop.abort();

    const { refunds } = await stored(order.id);
    expect(refunds.map((r) => [r.amount, r.reason, r.actorId])).toEqual([
      [500, "Scratched mug", people.staff.id],
      [7000, "Customer returned it all", people.staff.id],
    ]);
    expect(new Set(refunds.map((r) => r.providerRef)).size).toBe(2);
    const audits = await auditOf(order.id, "order.refunded");
    expect(audits.map((a) => [a.before, a.after])).toEqual([
      [{ refundedAmount: 0 }, { refundedAmount: 500 }],
      [
        { status: "PAID", refundedAmount: 500 },
        { status: "REFUNDED", refundedAmount: 7500 },
      ],
    ]);
  });

  it("refunds a shipped order, which stays shipped until all of it is refunded", async () => {
    const order = await paidOrder();
    await fulfil({ orderId: order.id, trackingNumber: "T9" });
    const part = await refund({ orderId: order.id, amount: 1500, reason: "One mug broke in transit" });
    expect(part.data).toMatchObject({ status: "FULFILLED", refundedAmount: 1500 });
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'send-shipping-notice')`;
  });

  it("refuses more than is left with a 409 on amount, and changes nothing", async () => {
    const order = await paidOrder();
    await refund({ orderId: order.id, amount: 7000, reason: "Most of it" });
    const before = await snapshot(order.id);
    const { status, error } = await refund({ orderId: order.id, amount: 501, reason: "One cent too many" });
    expect(status).toBe(409);
    expect(error?.data.fieldErrors).toEqual({ amount: ["is more than is left to refund ($5.00)"] });
    expect(await snapshot(order.id)).toEqual(before);
  });

  it.each([
    [{ amount: 0 }, "amount"],
    [{ amount: -100 }, "amount"],
    [{ amount: 2.5 }, "amount"],
    [{ amount: "5.00" }, "amount"],
    [{ amount: 100, reason: "" }, "reason"],
  ])("refuses %o with a 400 on %s and changes nothing", async (input, field) => {
    const order = await paidOrder();
    const before = await snapshot(order.id);
    const { status, error } = await refund({ orderId: order.id, reason: "Because", ...input });
    expect(status).toBe(400);
    expect(Object.keys(error?.data.fieldErrors ?? {})).toEqual([field]);
    expect(await snapshot(order.id)).toEqual(before);
  });

  it("an unpaid or cancelled order has nothing to refund (409), and nothing changes", async () => {
    const unpaid = await place();
    const before = await snapshot(unpaid.id);
    const { status, error } = await refund({ orderId: unpaid.id, amount: 100, reason: "Why not" });
    expect([status, error?.message]).toEqual([
      409,
      "This order has not been paid, so there is nothing to refund.",
    ]);
    expect(await snapshot(unpaid.id)).toEqual(before);

    const cancelled = await paidOrder();
    await cancel({ orderId: cancelled.id, reason: "Gone" });
    expect((await refund({ orderId: cancelled.id, amount: 100, reason: "Again" })).status).toBe(409);
    expect((await stored(cancelled.id)).refunds).toHaveLength(1);
  });

  it("racing refunds take turns on the order's row: never more than was paid", async () => {
    const order = await paidOrder();
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => refund({ orderId: order.id, amount: 2500, reason: `Race ${i}` })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 409, 409]);
    const after = await stored(order.id);
    expect([after.status, after.refundedAmount]).toEqual(["REFUNDED", 7500]);
    expect(after.refunds.reduce((sum, r) => sum + r.amount, 0)).toBe(7500);
    expect(await auditOf(order.id, "order.refunded")).toHaveLength(3);
  });

  it("when the provider refuses, nothing changes and staff are told why; a cancel is refused whole", async () => {
    const order = await paidOrder(REFUND_REFUSING_CARD);
    const before = await snapshot(order.id);
    const { status, error } = await refund({ orderId: order.id, amount: 500, reason: "Try it" });
    expect(status).toBe(502);
    expect(error?.message).toBe(
      "The payment provider refused the refund: the card it was paid with does not accept refunds. Nothing was changed.",
    );
    expect(await snapshot(order.id)).toEqual(before);

    // Cancelling refunds the payment too: refused, the order stays paid and keeps its stock.
    const cancelled = await cancel({ orderId: order.id, reason: "Try that" });
    expect(cancelled.status).toBe(502);
    expect(await snapshot(order.id)).toEqual(before);
    expect(await db.stockMovement.count({ where: { orderId: order.id, reason: "RELEASED" } })).toBe(0);
  });
});

// ---- refunds whose outcome was never recorded (decision 0028) ----------------------------------

describe("a refund the provider made but the shop never recorded", () => {
  const staff = () => people.staff.id;
  const meta = { ip: "203.0.113.9", userAgent: "vitest" };

  /** The provider refunds, then its answer is lost (the connection drops, the process dies). */
  const answerLost: PaymentProvider = {
    ...provider,
    async refund(request) {
      await provider.refund(request);
      throw new Error("the connection dropped after the provider answered");
    },
  };

  /** What the provider's own ledger says it paid back for the order. */
  async function paidOut(orderId: string) {
    const payment = await db.payment.findFirstOrThrow({ where: { orderId, status: "SUCCEEDED" } });
    const sum = await db.testProviderRefund.aggregate({
      where: { paymentRef: payment.providerRef },
      _sum: { amount: true },
    });
    return sum._sum.amount ?? 0;
  }
  const intentsOf = (orderId: string) =>
    db.refundIntent.findMany({ where: { payment: { orderId } }, orderBy: { createdAt: "asc" } });

  /** A paid order (75.00) with a refund of `amount` paid out by the provider and lost on the way back. */
  async function lostRefund(amount: number) {
    const order = await paidOrder();
    await expect(
      refundOrder(db, answerLost, staff(), { orderId: order.id, amount, reason: "Lost answer" }, meta),
    ).rejects.toThrow("the connection dropped");
    expect((await stored(order.id)).refundedAmount).toBe(0);
    expect(await paidOut(order.id)).toBe(amount);
    return order;
  }

  it("is settled before a retry with another amount: the order and the provider agree on both refunds", async () => {
    const order = await lostRefund(3000);
    const [pending] = await intentsOf(order.id);
    expect(pending).toMatchObject({ status: "PENDING", amount: 3000, actorId: staff() });
    const view = (await as("staff", "get", { id: order.id }, false)).data as {
      unsettledRefunds: { amount: number; actorEmail: string }[];
    };
    expect(view.unsettledRefunds).toMatchObject([{ amount: 3000, actorEmail: people.staff.email }]);

    const second = await refund({ orderId: order.id, amount: 2000, reason: "The real second refund" });
    expect([second.status, second.data]).toMatchObject([200, { status: "PAID", refundedAmount: 5000 }]);
    expect(await paidOut(order.id)).toBe(5000);
    const after = await stored(order.id);
    expect(after.refunds.map((r) => [r.amount, r.reason])).toEqual([
      [3000, "Lost answer"],
      [2000, "The real second refund"],
    ]);
    expect((await intentsOf(order.id)).map((i) => [i.amount, i.status])).toEqual([
      [3000, "SUCCEEDED"],
      [2000, "SUCCEEDED"],
    ]);
    const audits = await auditOf(order.id, "order.refunded");
    expect(audits.map((a) => (a.details as { settlesIntent?: string }).settlesIntent)).toEqual([
      pending?.id,
      undefined,
    ]);

    // What is left is what the provider has left: 25.00, and not a cent more.
    expect((await refund({ orderId: order.id, amount: 2501, reason: "Too much" })).status).toBe(409);
    const rest = await refund({ orderId: order.id, amount: 2500, reason: "The rest" });
    expect(rest.data).toMatchObject({ status: "REFUNDED", refundedAmount: 7500 });
    expect(await paidOut(order.id)).toBe(7500);
  });

  it("is the same refund when retried with the same amount: paid out once", async () => {
    const order = await lostRefund(3000);
    const again = await refund({ orderId: order.id, amount: 3000, reason: "Lost answer" });
    expect(again.data).toMatchObject({ refundedAmount: 3000 });
    expect(await paidOut(order.id)).toBe(3000);
    expect((await stored(order.id)).refunds).toHaveLength(1);
    expect(await auditOf(order.id, "order.refunded")).toHaveLength(1);
  });

  it("stays recorded when the retry then asks for more than is left (409 on amount)", async () => {
    const order = await lostRefund(5000);
    const { status, error } = await refund({ orderId: order.id, amount: 3000, reason: "Too late" });
    expect(status).toBe(409);
    expect(error?.data.fieldErrors).toEqual({ amount: ["is more than is left to refund ($25.00)"] });
    expect((await stored(order.id)).refundedAmount).toBe(5000);
    expect(await paidOut(order.id)).toBe(5000);
  });

  it("is settled by a cancel, which then refunds only the rest and puts the stock back", async () => {
    const order = await lostRefund(3000);
    const mugs = await onHand("mug_v0");
    const cancelled = await cancel({ orderId: order.id, reason: "Shopper changed their mind" });
    expect(cancelled.data).toMatchObject({ status: "CANCELLED", refundedAmount: 7500 });
    expect((await stored(order.id)).refunds.map((r) => r.amount)).toEqual([3000, 4500]);
    expect(await paidOut(order.id)).toBe(7500);
    expect(await onHand("mug_v0")).toBe(mugs + 2);
  });

  it("settles once when two retries with other amounts both find it unsettled", async () => {
    const order = await lostRefund(3000);
    // The real database, where each request waits, on its way to settle the intent, until the
    // other one is on its way too: both have seen it unsettled before either settles it.
    let arrived = 0;
    let bothArrived: (() => void) | undefined;
    const together = new Promise<void>((resolve) => (bothArrived = resolve));
    const meeting = new Proxy(db, {
      get(target, property) {
        const value = Reflect.get(target, property) as unknown;
        if (property !== "refundIntent") {
          return typeof value === "function" ? ((value as () => unknown).bind(target) as unknown) : value;
        }
        return new Proxy(target.refundIntent, {
          get(intents, method) {
            const real = Reflect.get(intents, method) as (...args: unknown[]) => unknown;
            if (method !== "findUniqueOrThrow") return real.bind(intents);
            return async (...args: unknown[]) => {
              arrived += 1;
              if (arrived === 2) bothArrived?.();
              await Promise.race([together, new Promise((resolve) => setTimeout(resolve, 5_000))]);
              return real.apply(intents, args);
            };
          },
        });
      },
    });
    await Promise.all([
      refundOrder(meeting, provider, staff(), { orderId: order.id, amount: 1000, reason: "One" }, meta),
      refundOrder(meeting, provider, staff(), { orderId: order.id, amount: 2000, reason: "Two" }, meta),
    ]);
    expect(arrived).toBe(2);
    expect((await stored(order.id)).refundedAmount).toBe(6000);
    expect(await paidOut(order.id)).toBe(6000);
    expect((await stored(order.id)).refunds.map((r) => r.amount).sort()).toEqual([1000, 2000, 3000]);
  });

  it("gives up with a 409, changing nothing more, when new unsettled refunds keep appearing", async () => {
    const order = await lostRefund(1000);
    const payment = await db.payment.findFirstOrThrow({ where: { orderId: order.id, status: "SUCCEEDED" } });
    // Each settling ask answers, and meanwhile another request's refund is left unsettled.
    let asked = 0;
    const busy: PaymentProvider = {
      ...provider,
      async refund(request) {
        asked += 1;
        const answer = await provider.refund(request);
        await db.refundIntent.create({
          data: { paymentId: payment.id, amount: 100 + asked, currency: "USD", reason: "Elsewhere" },
        });
        return answer;
      },
    };
    await expect(
      refundOrder(db, busy, staff(), { orderId: order.id, amount: 500, reason: "Mine" }, meta),
    ).rejects.toThrow("Someone else is changing this order");
    // Two rounds settled one each; the third round found another and gave up. This request's own
    // refund was never asked for, and the last one found is still there to settle.
    expect(asked).toBe(2);
    expect((await stored(order.id)).refunds.map((r) => r.amount)).toEqual([1000, 101]);
    expect(await paidOut(order.id)).toBe(1101);
    expect((await intentsOf(order.id)).map((i) => [i.amount, i.status])).toEqual([
      [1000, "SUCCEEDED"],
      [101, "SUCCEEDED"],
      [102, "PENDING"],
    ]);
  });

  it("is closed as refused when the provider refuses it on settling, and the new refund goes ahead", async () => {
    const order = await paidOrder();
    // The first ask never reaches the provider; on settling, the provider refuses that refund.
    const unreachable: PaymentProvider = {
      ...provider,
      refund: () => Promise.reject(new Error("the provider could not be reached")),
    };
    await expect(
      refundOrder(db, unreachable, staff(), { orderId: order.id, amount: 3000, reason: "Never sent" }, meta),
    ).rejects.toThrow("could not be reached");
    const [pending] = await intentsOf(order.id);
    const refusesThatOne: PaymentProvider = {
      ...provider,
      refund: (request) =>
        request.idempotencyKey === `refund:${pending?.id}`
          ? Promise.reject(new RefundRefusedError("that refund was cancelled"))
          : provider.refund(request),
    };
    await refundOrder(db, refusesThatOne, staff(), { orderId: order.id, amount: 2000, reason: "New" }, meta);
    expect((await intentsOf(order.id)).map((i) => [i.amount, i.status])).toEqual([
      [3000, "REFUSED"],
      [2000, "SUCCEEDED"],
    ]);
    expect((await stored(order.id)).refundedAmount).toBe(2000);
    expect(await paidOut(order.id)).toBe(2000);
  });
});

describe("the test provider's ledger", () => {
  it("answers a key it has seen with the refund it made, and never pays out more than the payment at once", async () => {
    const order = await paidOrder();
    const payment = await db.payment.findFirstOrThrow({ where: { orderId: order.id, status: "SUCCEEDED" } });
    const ask = (idempotencyKey: string, amount = 2500) =>
      provider.refund({
        paymentRef: payment.providerRef,
        amount,
        currency: "USD",
        idempotencyKey,
        reason: "t",
      });
    const first = await ask(`k-${order.id}-a`);
    expect(await ask(`k-${order.id}-a`)).toEqual(first);
    const racing = await Promise.allSettled([1, 2, 3, 4].map((n) => ask(`k-${order.id}-${n}`)));
    expect(racing.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(
      racing.filter((r) => r.status === "rejected" && r.reason instanceof RefundRefusedError),
    ).toHaveLength(2);
    const sum = await db.testProviderRefund.aggregate({
      where: { paymentRef: payment.providerRef },
      _sum: { amount: true },
    });
    expect(sum._sum.amount).toBe(7500);
  });
});

// ---- one order --------------------------------------------------------------------------------

describe("admin.orders.get", () => {
  it("shows the order with its payments, refunds and a history of what happened and who did it", async () => {
    const order = await paidOrder();
    await fulfil({ orderId: order.id, carrier: "UPS", trackingNumber: "1Z1" });
    await as("admin", "refund", { orderId: order.id, amount: 1000, reason: "Late delivery" });
    const { status, data } = await as("staff", "get", { id: order.id }, false);
    expect(status).toBe(200);
    const view = data as {
      status: string;
      refundable: number;
      lines: { sku: string; quantity: number }[];
      address: string[];
      payments: { status: string }[];
      refunds: { amount: number; actorEmail: string }[];
      timeline: { kind: string; title: string; detail: string | null; actorEmail: string | null }[];
      can: Record<string, boolean>;
    };
    expect(view).toMatchObject({
      status: "FULFILLED",
      refundable: 6500,
      can: { fulfil: false, cancel: false, refund: true },
    });
    expect(view.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ["LAMP-0", 1],
      ["MUG-0", 2],
    ]);
    expect(view.address[0]).toBe("Robin Buyer");
    expect(view.payments.map((p) => p.status)).toEqual(["SUCCEEDED"]);
    expect(view.refunds).toMatchObject([{ amount: 1000, actorEmail: people.admin.email }]);
    expect(view.timeline.map((e) => [e.kind, e.title, e.actorEmail])).toEqual([
      ["placed", "Placed", null],
      ["payment", "Payment started", null],
      ["payment", "Card details sent", null],
      ["payment", "Payment succeeded", null],
      ["paid", "Paid", null],
      ["shipped", "Shipped", people.staff.email],
      ["refund", "Refunded in part", people.admin.email],
    ]);
    expect(view.timeline.find((e) => e.kind === "shipped")?.detail).toBe("UPS, tracking 1Z1");
    expect(view.timeline.find((e) => e.kind === "refund")?.detail).toBe("$10.00: Late delivery");
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'send-shipping-notice')`;
  });

  it("answers 404 for an unknown order", async () => {
    expect((await as("staff", "get", { id: "no-such-order" }, false)).status).toBe(404);
  });
});

// ---- the export -------------------------------------------------------------------------------

describe("the CSV export", () => {
  const meta = { ip: "203.0.113.9", userAgent: "vitest" };
  const day = (d: number) => new Date(Date.UTC(2019, 5, d, 9, 30));
  beforeAll(async () => {
    const shipped = await insertOrder(db, {
      email: '=HYPERLINK("http://evil.example")@x.example',
      totalAmount: 1999,
      createdAt: day(1),
      paidAt: day(1),
    });
    await db.order.update({
      where: { id: shipped.id },
      data: {
        status: "FULFILLED",
        fulfilledAt: day(2),
        carrier: "+Carrier",
        trackingNumber: "@T1",
        shipName: "-Dash, Name",
        shipCountry: "DE",
        refundedAmount: 499,
      },
    });
    for (let i = 0; i < 4; i++)
      await insertOrder(db, {
        email: `csv${i}@export.example`,
        totalAmount: 100 * (i + 1),
        createdAt: day(3 + i),
      });
    await insertOrder(db, {
      currency: "JPY",
      email: "yen@export.example",
      totalAmount: 500,
      createdAt: day(10),
    });
  });

  async function exported(filters: Record<string, string>, batchSize?: number) {
    let text = "";
    for await (const chunk of exportOrdersCsv(db, filters, { actorId: people.staff.id, meta }, batchSize))
      text += chunk;
    return text;
  }
  const records = (text: string) =>
    parse<Record<string, string>>(text, { bom: true, columns: true, skipEmptyLines: true });

  it("streams every matching order in batches; what it writes parses back to the database's figures", async () => {
    const text = await exported({ from: "2019-06-01", to: "2019-06-30" }, 2);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const parsed = records(text);
    expect(Object.keys(parsed[0] ?? {})).toEqual([...CSV_COLUMNS]);
    const orders = await db.order.findMany({
      where: { createdAt: { gte: day(1), lte: day(30) } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    expect(parsed.map((r) => r.number)).toEqual(orders.map((o) => String(o.number)));
    const yen = parsed.find((r) => r.email === "yen@export.example");
    expect(yen).toMatchObject({
      currency: "JPY",
      total: "500",
      refunded: "0",
      status: "PENDING_PAYMENT",
      "paid at": "",
    });
    const row = parsed.find((r) => r.email === "csv2@export.example");
    expect(row).toMatchObject({
      total: "3.00",
      subtotal: "3.00",
      shipping: "0.00",
      tax: "0.00",
      "placed at": day(5).toISOString(),
    });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "order.exported" },
      orderBy: { createdAt: "desc" },
    });
    expect(audit).toMatchObject({
      actorId: people.staff.id,
      targetType: "order",
      targetId: null,
      ip: "203.0.113.9",
      details: { filters: { from: "2019-06-01", to: "2019-06-30" }, rows: 6, complete: true },
    });
  });

  it("neutralises cells a spreadsheet would run as formulas, and quotes what needs quoting", async () => {
    const [row] = records(await exported({ q: "hyperlink" }));
    expect(row).toMatchObject({
      email: '\'=HYPERLINK("http://evil.example")@x.example',
      name: "'-Dash, Name",
      carrier: "'+Carrier",
      tracking: "'@T1",
      country: "DE",
      status: "FULFILLED",
      total: "19.99",
      refunded: "4.99",
      "fulfilled at": day(2).toISOString(),
    });
  });

  it("applies the filters: status and email", async () => {
    const pending = records(await exported({ q: "@export.example", status: "PENDING_PAYMENT" }));
    expect(pending.map((r) => r.email).sort()).toEqual([
      "csv0@export.example",
      "csv1@export.example",
      "csv2@export.example",
      "csv3@export.example",
      "yen@export.example",
    ]);
    expect(records(await exported({ q: "@export.example", status: "PAID" }))).toEqual([]);
  });

  it("records a download stopped early as incomplete, with the rows that went out", async () => {
    const stream = exportOrdersCsv(db, { q: "@export.example" }, { actorId: people.staff.id, meta }, 2);
    await stream.next(); // the header
    await stream.next(); // the first batch
    await stream.return();
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "order.exported" },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.details).toEqual({ filters: { q: "@export.example" }, rows: 2, complete: false });
  });
});

it("after all of it, every variant's stock still equals its ledger", async () => {
  expect(await ledgerMismatches(db)).toEqual([]);
});
