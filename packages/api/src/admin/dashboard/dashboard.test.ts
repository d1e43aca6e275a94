import { createTestDatabase } from "@bazaar/db/testing";
import { beforeAll, describe, expect, it } from "vitest";

import { insertCatalog, T0 } from "../../../test/catalog-fixtures.ts";
import { insertOrder } from "../../../test/order-rows.ts";
import { dashboardSummary, LOW_STOCK_COUNT_CAP, SERIES_DAYS } from "./service.ts";

const { db } = await createTestDatabase();

const NOW = new Date("2026-06-15T10:00:00.000Z");
const at = (iso: string) => new Date(`${iso}Z`);
const usd = (amount: number) => ({ amount, currency: "USD" });
const eur = (amount: number) => ({ amount, currency: "EUR" });

beforeAll(async () => {
  // Today is 15 June (UTC); the 7 days start on 9 June, the 30 days on 17 May.
  const orders = [
    { totalAmount: 1000, createdAt: at("2026-06-15T08:00:00.000"), paidAt: at("2026-06-15T08:05:00.000") },
    { totalAmount: 100, createdAt: at("2026-06-15T09:00:00.000"), paidAt: at("2026-06-15T09:01:00.000") },
    { totalAmount: 100, createdAt: at("2026-06-15T09:30:00.000"), paidAt: at("2026-06-15T09:31:00.000") },
    // Placed today, never paid.
    { totalAmount: 2000, createdAt: at("2026-06-15T01:00:00.000") },
    // Placed in the last millisecond of yesterday, paid in the first of today.
    {
      currency: "EUR",
      totalAmount: 500,
      createdAt: at("2026-06-14T23:59:59.999"),
      paidAt: at("2026-06-15T00:00:00.000"),
    },
    // Shipped, then part refunded: counts 4000 - 1500.
    {
      status: "FULFILLED" as const,
      totalAmount: 4000,
      refundedAmount: 1500,
      createdAt: at("2026-06-10T12:00:00.000"),
      paidAt: at("2026-06-10T12:01:00.000"),
    },
    // Paid on the first instant of the 7 days, then refunded in full: a paid order worth nothing.
    {
      status: "REFUNDED" as const,
      totalAmount: 3000,
      refundedAmount: 3000,
      createdAt: at("2026-06-09T00:00:00.000"),
      paidAt: at("2026-06-09T00:00:00.000"),
    },
    { status: "CANCELLED" as const, totalAmount: 800, createdAt: at("2026-06-12T00:00:00.000") },
    // Just before the 7 days.
    { totalAmount: 7000, createdAt: at("2026-06-08T23:59:59.999"), paidAt: at("2026-06-08T23:59:59.999") },
    // The first instant of the 30 days, and the last before them.
    {
      currency: "EUR",
      totalAmount: 900,
      createdAt: at("2026-05-17T00:00:00.000"),
      paidAt: at("2026-05-17T00:00:00.000"),
    },
    { totalAmount: 100000, createdAt: at("2026-05-16T23:59:59.999"), paidAt: at("2026-05-16T23:59:59.999") },
  ];
  for (const order of orders) await insertOrder(db, order);
});

describe("the figures for today, 7 and 30 days", () => {
  it("counts orders placed and paid, and revenue net of refunds per currency", async () => {
    const { periods } = await dashboardSummary(db, NOW);
    expect(periods.today).toEqual({ placed: 4, paid: 4, revenue: [eur(500), usd(1200)] });
    expect(periods.last7Days).toEqual({ placed: 8, paid: 6, revenue: [eur(500), usd(3700)] });
    expect(periods.last30Days).toEqual({ placed: 10, paid: 8, revenue: [eur(1400), usd(10700)] });
  });

  it("gives a daily series of the 30 UTC days, oldest first, empty days as zeros", async () => {
    const { series } = await dashboardSummary(db, NOW);
    expect(series).toHaveLength(SERIES_DAYS);
    expect(series[0]).toEqual({
      day: at("2026-05-17T00:00:00.000"),
      placed: 1,
      paid: 1,
      revenue: [eur(900)],
    });
    expect(series.at(-1)).toEqual({
      day: at("2026-06-15T00:00:00.000"),
      placed: 4,
      paid: 4,
      revenue: [eur(500), usd(1200)],
    });
    const byDay = new Map(series.map((d) => [d.day.toISOString().slice(0, 10), d]));
    expect(byDay.get("2026-06-08")).toMatchObject({ placed: 1, paid: 1, revenue: [usd(7000)] });
    expect(byDay.get("2026-06-09")).toMatchObject({ placed: 1, paid: 1, revenue: [usd(0)] });
    expect(byDay.get("2026-06-14")).toMatchObject({ placed: 1, paid: 0, revenue: [] });
    expect(byDay.get("2026-06-11")).toEqual({
      day: at("2026-06-11T00:00:00.000"),
      placed: 0,
      paid: 0,
      revenue: [],
    });
    // The days add up to the 30-day figures.
    expect(series.reduce((sum, d) => sum + d.paid, 0)).toBe(8);
  });

  it("has nothing for a day before any order", async () => {
    const { periods, series } = await dashboardSummary(db, at("2026-01-01T00:00:00.000"));
    expect(periods.last30Days).toEqual({ placed: 0, paid: 0, revenue: [] });
    expect(series.every((d) => d.placed === 0 && d.paid === 0)).toBe(true);
  });
});

describe("what needs action", () => {
  it("lists paid orders not yet shipped, the longest waiting first, five of them and the count", async () => {
    const { unshipped } = await dashboardSummary(db, NOW);
    expect(unshipped.total).toBe(7);
    expect(unshipped.oldest.map((o) => o.paidAt?.toISOString())).toEqual([
      "2026-05-16T23:59:59.999Z",
      "2026-05-17T00:00:00.000Z",
      "2026-06-08T23:59:59.999Z",
      "2026-06-15T00:00:00.000Z",
      "2026-06-15T08:05:00.000Z",
    ]);
    expect(unshipped.oldest[0]?.email).toMatch(/^buyer\d+@example\.com$/);
    expect(unshipped.oldest[0]?.number).toBeTypeOf("number");
  });

  it("lists payments held for orders no longer payable, unless refunded in full", async () => {
    const held = async (
      outcome: string,
      status: "EXPIRED" | "CANCELLED" | "FULFILLED",
      refunded: boolean,
    ) => {
      const order = await insertOrder(db, {
        status,
        totalAmount: 1000,
        createdAt: at("2026-01-02T00:00:00.000"),
      });
      const payment = await db.payment.create({
        data: {
          orderId: order.id,
          provider: "test",
          providerRef: `pay_${order.id}`,
          status: "SUCCEEDED",
          amount: 1000,
          currency: "USD",
        },
      });
      if (refunded)
        await db.refund.create({
          data: {
            orderId: order.id,
            paymentId: payment.id,
            amount: 1000,
            currency: "USD",
            reason: "paid late",
            providerRef: `re_${order.id}`,
          },
        });
      await db.paymentEvent.create({
        data: {
          provider: "test",
          eventId: `evt_${order.id}`,
          type: "payment.succeeded",
          payload: {
            id: `evt_${order.id}`,
            type: "payment.succeeded",
            data: { paymentRef: payment.providerRef, amount: 1000, currency: "USD" },
          },
          processedAt: new Date(),
          outcome,
        },
      });
      return order;
    };
    const late = await held("held: paid after the order was expired; refund needed", "EXPIRED", false);
    await held("held: paid after the order was cancelled; refund needed", "CANCELLED", true);
    await held("order was already paid", "FULFILLED", false);

    const { heldPayments } = await dashboardSummary(db, NOW);
    expect(heldPayments.total).toBe(1);
    const event = await db.paymentEvent.findUniqueOrThrow({
      where: { provider_eventId: { provider: "test", eventId: `evt_${late.id}` } },
    });
    expect(heldPayments.oldest).toEqual([
      {
        id: event.id,
        receivedAt: event.receivedAt,
        outcome: "held: paid after the order was expired; refund needed",
        payment: usd(1000),
        order: { id: late.id, number: late.number, status: "EXPIRED" },
      },
    ]);
  });

  it("lists background jobs that failed for good, with their last error", async () => {
    const addJob = (orderId: string) => db.$queryRaw<{ id: bigint }[]>`
      SELECT (graphile_worker.add_job('send-order-confirmation', json_build_object('orderId', ${orderId}::text),
                                      max_attempts := 3)).id`;
    const [job] = await addJob("o1");
    // Another, still waiting for its turn: not failed.
    await addJob("o2");
    if (!job) throw new Error("no job");
    await db.$executeRaw`SELECT graphile_worker.permanently_fail_jobs(ARRAY[${job.id}]::bigint[], 'SMTP refused')`;

    const { failedJobs } = await dashboardSummary(db, NOW);
    const [failed] = await db.$queryRaw<{ updated_at: Date }[]>`
      SELECT updated_at FROM graphile_worker.jobs WHERE id = ${job.id}`;
    expect(failedJobs.total).toBe(1);
    expect(failedJobs.latest).toEqual([
      {
        id: String(job.id),
        task: "send-order-confirmation",
        attempts: 3,
        lastError: "SMTP refused",
        failedAt: failed?.updated_at,
      },
    ]);
  });
});

describe("low stock", () => {
  it("lists published products' variants at or below 5, fewest first: ten, and the count", async () => {
    await insertCatalog(db, [
      {
        id: "alpha",
        categoryId: "cat_a",
        createdAt: T0,
        variants: [
          [1000, 0],
          [1000, 3],
          [1000, 50],
        ],
      },
      {
        id: "bravo",
        categoryId: "cat_a",
        createdAt: T0,
        variants: [
          [1000, 5],
          [1000, 6],
        ],
      },
      {
        id: "charlie",
        categoryId: "cat_b",
        createdAt: T0,
        variants: Array.from({ length: 9 }, (): [number, number] => [1000, 4]),
      },
      { id: "draft", categoryId: "cat_b", createdAt: T0, variants: [[1000, 1]] },
      { id: "retired", categoryId: "cat_b", createdAt: T0, variants: [[1000, 0]] },
    ]);
    await db.product.update({ where: { id: "draft" }, data: { status: "DRAFT" } });
    await db.product.update({ where: { id: "retired" }, data: { status: "ARCHIVED" } });

    const { lowStock } = await dashboardSummary(db, NOW);
    expect(lowStock.total).toBe(12);
    expect(lowStock.totalIsCapped).toBe(false);
    expect(lowStock.variants.map((v) => [v.id, v.stockOnHand])).toEqual([
      ["alpha_v0", 0],
      ["alpha_v1", 3],
      ...Array.from({ length: 8 }, (_, i) => [`charlie_v${i}`, 4]),
    ]);
    expect(lowStock.variants[0]).toMatchObject({
      productId: "alpha",
      productName: "Product alpha",
      sku: "ALPHA-0",
    });
  });

  it("stops counting at the cap, and says there are more", async () => {
    // With the twelve above: more low variants than the cap.
    await db.productVariant.createMany({
      data: Array.from({ length: LOW_STOCK_COUNT_CAP }, (_, n) => ({
        id: `bravo_bulk${n}`,
        productId: "bravo",
        sku: `BRAVO-BULK-${n}`,
        name: `Bulk ${n}`,
        options: { size: `B${n}` },
        priceAmount: 1000,
        currency: "USD",
        stockOnHand: 2,
        position: 10 + n,
      })),
    });
    const { lowStock } = await dashboardSummary(db, NOW);
    expect(lowStock.total).toBe(LOW_STOCK_COUNT_CAP);
    expect(lowStock.totalIsCapped).toBe(true);
    expect(lowStock.variants.map((v) => v.stockOnHand)).toEqual([0, ...Array<number>(9).fill(2)]);
    expect(lowStock.variants.slice(1).every((v) => v.id.startsWith("bravo_bulk"))).toBe(true);
  });
});
