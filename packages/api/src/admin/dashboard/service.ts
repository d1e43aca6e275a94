// The console's front page: how the shop is doing (orders and revenue over UTC days), what needs
// someone's attention, and what is about to run out. Everything is aggregated in SQL on indexed
// columns (Order's paidAt, createdAt and status indexes; ProductVariant's stockOnHand), so the page
// costs the same at 100,000 orders as at 100: it reads the last 30 days' rows, never the whole
// table, and stops counting low stock at a cap.
import { Prisma, type Db } from "@bazaar/db";
import type { Money } from "@bazaar/validators";

import { LOW_STOCK } from "../../catalog/service.ts";

const DAY_MS = 86_400_000;
/** How many days the longest period and the chart cover (today included). */
export const SERIES_DAYS = 30;
/** How many rows each "needs action" list and the low-stock list show. */
const LIST_LIMIT = 5;
const LOW_STOCK_LIMIT = 10;
/**
 * Low stock is counted up to this many: a large catalog can have thousands of variants running
 * low, and counting them all on every view cost more than the rest of the page together.
 */
export const LOW_STOCK_COUNT_CAP = 1000;

export interface PeriodFigures {
  /** Orders placed in the period, whatever became of them. */
  placed: number;
  /** Orders paid in the period. */
  paid: number;
  /** What the orders paid in the period brought in, less what has been refunded of them; per currency. */
  revenue: Money[];
}

export interface DayFigures extends PeriodFigures {
  /** The UTC day's midnight. */
  day: Date;
}

export interface DashboardSummary {
  /** When the figures were read; days are UTC days ending with this one's. */
  asOf: Date;
  periods: { today: PeriodFigures; last7Days: PeriodFigures; last30Days: PeriodFigures };
  /** The last 30 UTC days, oldest first, today last (days with no orders are zeros). */
  series: DayFigures[];
  unshipped: {
    total: number;
    /** The longest waiting first. */
    oldest: { id: string; number: number; email: string; paidAt: Date | null }[];
  };
  heldPayments: {
    total: number;
    /** Payments the shop took but could not apply (an order no longer payable, a wrong amount). */
    oldest: {
      id: string;
      receivedAt: Date;
      outcome: string;
      payment: Money | null;
      order: { id: string; number: number; status: string } | null;
    }[];
  };
  failedJobs: {
    total: number;
    /** Jobs that used up their attempts, the latest failure first. */
    latest: { id: string; task: string; attempts: number; lastError: string | null; failedAt: Date }[];
  };
  lowStock: {
    /** At or below this many on hand is low (the storefront's "only N left" too). */
    threshold: number;
    /** How many variants are low, counted up to LOW_STOCK_COUNT_CAP. */
    total: number;
    /** True when there are more than `total`. */
    totalIsCapped: boolean;
    /** Published products' variants at or below LOW_STOCK, fewest first (then by id). */
    variants: {
      id: string;
      sku: string;
      name: string;
      stockOnHand: number;
      productId: string;
      productName: string;
    }[];
  };
}

const startOfUtcDay = (at: Date) => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);

/** Sum the days' figures, revenue per currency (never across currencies). */
function total(days: readonly PeriodFigures[]): PeriodFigures {
  const revenue = new Map<string, number>();
  let placed = 0;
  let paid = 0;
  for (const day of days) {
    placed += day.placed;
    paid += day.paid;
    for (const { amount, currency } of day.revenue)
      revenue.set(currency, (revenue.get(currency) ?? 0) + amount);
  }
  return { placed, paid, revenue: toMoney(revenue) };
}

const toMoney = (byCurrency: Map<string, number>): Money[] =>
  [...byCurrency].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ amount, currency }));

export async function dashboardSummary(db: Db, now = new Date()): Promise<DashboardSummary> {
  const today = startOfUtcDay(now);
  const start = new Date(today.getTime() - (SERIES_DAYS - 1) * DAY_MS);
  const end = new Date(today.getTime() + DAY_MS);
  const [paidRows, placedRows, unshipped, unshippedTotal, held, failed, low] = await Promise.all([
    // A range on the Order(paidAt, currency, totalAmount, refundedAmount) index, read alone.
    db.$queryRaw<{ day: Date; currency: string; paid: number; revenue: bigint }[]>`
      SELECT date_trunc('day', "paidAt") AS "day", trim("currency") AS "currency", count(*)::int AS "paid",
             sum("totalAmount" - "refundedAmount")::bigint AS "revenue"
      FROM "Order"
      WHERE "paidAt" >= ${start} AND "paidAt" < ${end}
      GROUP BY 1, 2`,
    // A range on Order_createdAt_id_idx.
    db.$queryRaw<{ day: Date; placed: number }[]>`
      SELECT date_trunc('day', "createdAt") AS "day", count(*)::int AS "placed"
      FROM "Order"
      WHERE "createdAt" >= ${start} AND "createdAt" < ${end}
      GROUP BY 1`,
    // Order_status_createdAt_id_idx, read from its oldest end.
    db.order.findMany({
      where: { status: "PAID" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: LIST_LIMIT,
      select: { id: true, number: true, email: true, paidAt: true },
    }),
    db.order.count({ where: { status: "PAID" } }),
    heldPayments(db),
    failedJobs(db),
    lowStock(db),
  ]);

  const days = new Map<number, DayFigures & { byCurrency: Map<string, number> }>();
  for (let t = start.getTime(); t < end.getTime(); t += DAY_MS)
    days.set(t, { day: new Date(t), placed: 0, paid: 0, revenue: [], byCurrency: new Map() });
  for (const row of placedRows) {
    const day = days.get(row.day.getTime());
    if (day) day.placed = row.placed;
  }
  for (const row of paidRows) {
    const day = days.get(row.day.getTime());
    if (!day) continue;
    day.paid += row.paid;
    day.byCurrency.set(row.currency, Number(row.revenue));
  }
  const series: DayFigures[] = [...days.values()].map(({ byCurrency, ...day }) => ({
    ...day,
    revenue: toMoney(byCurrency),
  }));

  return {
    asOf: now,
    periods: {
      today: total(series.slice(-1)),
      last7Days: total(series.slice(-7)),
      last30Days: total(series),
    },
    series,
    unshipped: { total: unshippedTotal, oldest: unshipped },
    heldPayments: held,
    failedJobs: failed,
    lowStock: low,
  };
}

/**
 * Payment events whose processing held the money instead of applying it (payments/events.ts: an
 * order paid after it expired or was cancelled, or an amount that is not the order's total), and
 * whose payment has not since been refunded in full.
 */
async function heldPayments(db: Db): Promise<DashboardSummary["heldPayments"]> {
  const rows = await db.$queryRaw<
    {
      id: string;
      receivedAt: Date;
      outcome: string;
      amount: number | null;
      currency: string | null;
      orderId: string | null;
      orderNumber: number | null;
      orderStatus: string | null;
      total: number;
    }[]
  >`
    SELECT e."id", e."receivedAt", e."outcome", p."amount", trim(p."currency") AS "currency",
           o."id" AS "orderId", o."number" AS "orderNumber", o."status"::text AS "orderStatus",
           count(*) OVER ()::int AS "total"
    FROM "PaymentEvent" e
    LEFT JOIN "Payment" p ON p."provider" = e."provider" AND p."providerRef" = e."payload" #>> '{data,paymentRef}'
    LEFT JOIN "Order" o ON o."id" = p."orderId"
    WHERE e."outcome" IS NOT NULL AND e."outcome" LIKE 'held:%'
      AND (p."id" IS NULL
           OR p."amount" > (SELECT coalesce(sum(r."amount"), 0) FROM "Refund" r WHERE r."paymentId" = p."id"))
    ORDER BY e."receivedAt", e."id"
    LIMIT ${LIST_LIMIT}`;
  return {
    total: rows[0]?.total ?? 0,
    oldest: rows.map((row) => ({
      id: row.id,
      receivedAt: row.receivedAt,
      outcome: row.outcome,
      payment:
        row.amount !== null && row.currency !== null ? { amount: row.amount, currency: row.currency } : null,
      order:
        row.orderId !== null && row.orderNumber !== null && row.orderStatus !== null
          ? { id: row.orderId, number: row.orderNumber, status: row.orderStatus }
          : null,
    })),
  };
}

/** Jobs graphile-worker gave up on: they keep their row, with attempts used up and the last error. */
async function failedJobs(db: Db): Promise<DashboardSummary["failedJobs"]> {
  const rows = await db.$queryRaw<
    {
      id: string;
      task: string;
      attempts: number;
      lastError: string | null;
      failedAt: Date;
      total: number;
    }[]
  >`
    SELECT "id"::text, "task_identifier" AS "task", "attempts"::int, left("last_error", 1000) AS "lastError",
           "updated_at" AS "failedAt", count(*) OVER ()::int AS "total"
    FROM graphile_worker.jobs
    WHERE "attempts" >= "max_attempts"
    ORDER BY "updated_at" DESC, "id" DESC
    LIMIT ${LIST_LIMIT}`;
  return { total: rows[0]?.total ?? 0, latest: rows.map(({ total: _, ...job }) => job) };
}

async function lowStock(db: Db): Promise<DashboardSummary["lowStock"]> {
  // Both walk ProductVariant(stockOnHand, id) from its low end and stop early: the list after
  // LOW_STOCK_LIMIT rows, the count after LOW_STOCK_COUNT_CAP + 1.
  const low = (columns: Prisma.Sql, limit: number) => Prisma.sql`
    SELECT ${columns}
    FROM "ProductVariant" v JOIN "Product" p ON p."id" = v."productId"
    WHERE v."stockOnHand" <= ${LOW_STOCK} AND p."status" = 'PUBLISHED'
    ORDER BY v."stockOnHand", v."id"
    LIMIT ${limit}`;
  const [variants, counted] = await Promise.all([
    db.$queryRaw<
      { id: string; sku: string; name: string; stockOnHand: number; productId: string; productName: string }[]
    >(
      low(
        Prisma.sql`v."id", v."sku", v."name", v."stockOnHand", p."id" AS "productId", p."name" AS "productName"`,
        LOW_STOCK_LIMIT,
      ),
    ),
    db.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS "total" FROM (${low(Prisma.sql`1`, LOW_STOCK_COUNT_CAP + 1)}) capped`,
  ]);
  const total = counted[0]?.total ?? 0;
  return {
    threshold: LOW_STOCK,
    total: Math.min(total, LOW_STOCK_COUNT_CAP),
    totalIsCapped: total > LOW_STOCK_COUNT_CAP,
    variants,
  };
}
