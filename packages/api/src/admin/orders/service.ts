// Staff work on orders: find them in a table that stays fast over any number of orders, read one
// with its whole history, ship, cancel and refund. Each write is one transaction holding the order
// row's lock, with its audit entry and the notice that updates the shopper's live page; a refund
// calls the payment provider inside that transaction, so two racing refunds take turns and can
// never give back more than was paid, and a refused refund changes nothing. Each refund is first
// written down as an intent, committed on its own, so one whose outcome was never recorded is
// settled with the provider before the order is refunded any further (decision 0028).
import type { RequestMeta } from "@bazaar/auth";
import {
  Prisma,
  type Db,
  type OrderStatus,
  type PaymentModel,
  type PaymentStatus,
  type RefundIntentModel as RefundIntent,
} from "@bazaar/db";
import {
  encodeAdminCursor,
  formatMoney,
  shippingAddressLines,
  type AdminCursor,
  type AdminPage,
  type OrderFilters,
} from "@bazaar/validators";
import { TRPCError } from "@trpc/server";

import { resolveActors } from "../../audit/actors.ts";
import { emitWebhookEvent, orderEventData } from "../../webhooks/events.ts";
import { changedFields, recordChange } from "../../audit/record.ts";
import { catalogChanged, productChangeTags } from "../../catalog/cache-tags.ts";
import { fieldError, notFound } from "../../errors.ts";
import { enqueueJob } from "../../jobs/queue.ts";
import { announceOrderChange } from "../../orders/live.ts";
import { moveOrderWithin } from "../../orders/service.ts";
import { illegalTransition } from "../../orders/status.ts";
import { RefundRefusedError, type PaymentProvider } from "../../payments/provider.ts";

// ---- The table ----------------------------------------------------------------------------

/** `timestamp(3)` from a Date: an ISO string, whose "Z" a timestamp without time zone ignores. */
const timestamp = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp(3)`;

/** `%text%` for ILIKE, with the pattern's own wildcards taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/**
 * The conditions of the order table and its export. Each is one an index of the admin_console
 * migration serves: (createdAt, id) for the dates and the page, (status, createdAt, id) for a status,
 * the unique number, and the email's trigram GIN index for ILIKE '%…%'.
 */
export function orderConditions(filters: OrderFilters): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filters.status) conditions.push(Prisma.sql`o."status" = ${filters.status}::"OrderStatus"`);
  if (filters.from)
    conditions.push(Prisma.sql`o."createdAt" >= ${timestamp(new Date(`${filters.from}T00:00:00Z`))}`);
  if (filters.to) {
    const end = new Date(`${filters.to}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    conditions.push(Prisma.sql`o."createdAt" < ${timestamp(end)}`);
  }
  if (filters.q) {
    // Digits are an order number (it fits in an int4 up to nine of them); anything else is part of an email.
    conditions.push(
      /^\d{1,9}$/.test(filters.q)
        ? Prisma.sql`o."number" = ${Number(filters.q)}`
        : Prisma.sql`o."email" ILIKE ${containing(filters.q)}`,
    );
  }
  return conditions;
}

/** After the row at `cursor` in (createdAt desc, id desc) order: one row comparison the index answers. */
export const afterCursor = (cursor: AdminCursor) =>
  Prisma.sql`(o."createdAt", o."id") < (${timestamp(cursor.at)}, ${cursor.id})`;

export const whereSql = (conditions: Prisma.Sql[]) =>
  conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;

export interface AdminOrderRow {
  id: string;
  number: number;
  createdAt: Date;
  status: OrderStatus;
  email: string;
  currency: string;
  totalAmount: number;
  refundedAmount: number;
}

/** One page of the table: `limit + 1` rows, so the caller knows whether another page follows. */
export function orderPageSql(
  input: OrderFilters & { cursor?: AdminCursor | null | undefined; limit: number },
) {
  const conditions = orderConditions(input);
  if (input.cursor) conditions.push(afterCursor(input.cursor));
  return Prisma.sql`
    SELECT o."id", o."number", o."createdAt", o."status", o."email", trim(o."currency") AS "currency",
           o."totalAmount", o."refundedAmount"
    FROM "Order" o ${whereSql(conditions)}
    ORDER BY o."createdAt" DESC, o."id" DESC
    LIMIT ${input.limit + 1}`;
}

export const orderCountSql = (filters: OrderFilters) =>
  Prisma.sql`SELECT count(*)::int AS "total" FROM "Order" o ${whereSql(orderConditions(filters))}`;

/**
 * A page of orders, newest first, and how many match. The page reads `limit + 1` rows down the
 * index from the cursor, whatever the page's depth; the count is exact (at 100,000 orders it is
 * a scan of the matching index entries: see docs/decisions for the measured cost).
 */
export async function listOrders(
  db: Db,
  input: OrderFilters & { cursor?: AdminCursor | null | undefined; limit: number },
): Promise<AdminPage<AdminOrderRow>> {
  const [rows, counted] = await Promise.all([
    db.$queryRaw<AdminOrderRow[]>(orderPageSql(input)),
    db.$queryRaw<{ total: number }[]>(orderCountSql(input)),
  ]);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > input.limit && last ? encodeAdminCursor({ at: last.createdAt, id: last.id }) : null,
    total: counted[0]?.total ?? 0,
  };
}

// ---- One order ----------------------------------------------------------------------------

export interface TimelineEntry {
  at: Date;
  kind: "placed" | "payment" | "paid" | "shipped" | "cancelled" | "expired" | "refund" | "staff";
  title: string;
  detail: string | null;
  /** The staff member who did it, for what staff did. */
  actorEmail: string | null;
}

const PAYMENT_OUTCOME: Record<PaymentStatus, string | null> = {
  PENDING: null,
  REQUIRES_ACTION: "Payment waits for the shopper's confirmation at the bank",
  SUCCEEDED: "Payment succeeded",
  FAILED: "Payment declined",
};

/** What staff actions the timeline shows as events of their own (the rest are already facts there). */
const SHOWN_AS_FACTS = new Set(["order.fulfilled", "order.cancelled", "order.refunded"]);

/** The order with everything staff need to act on it, and its history from what is stored. */
export async function getOrder(db: Db, id: string) {
  const order = await db.order.findUnique({
    where: { id },
    include: {
      lines: { orderBy: { sku: "asc" } },
      user: { select: { id: true, email: true, name: true, deletedAt: true } },
      payments: { orderBy: { createdAt: "asc" } },
      refunds: { orderBy: { createdAt: "asc" } },
    },
  });
  if (!order) throw notFound("That order");
  const audit = await db.auditLog.findMany({
    where: { targetType: "order", targetId: id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
  });
  // Asked of the provider, outcome never recorded: settled by the next refund or cancel.
  const unsettled = await db.refundIntent.findMany({
    where: { status: "PENDING", payment: { orderId: id } },
    orderBy: { createdAt: "asc" },
  });
  const actorIds = new Set<string>();
  for (const entry of audit) if (entry.actorId) actorIds.add(entry.actorId);
  for (const refund of [...order.refunds, ...unsettled]) if (refund.actorId) actorIds.add(refund.actorId);
  const actors = await resolveActors(db, actorIds);
  const actorEmail = (actorId: string | null | undefined) =>
    actorId ? (actors.get(actorId)?.label ?? null) : null;

  const currency = order.currency.trim();
  const money = (amount: number) => formatMoney({ amount, currency });
  const lastAudit = (action: string) => audit.findLast((entry) => entry.action === action);
  const timeline: TimelineEntry[] = [];
  const add = (entry: Omit<TimelineEntry, "actorEmail"> & { actorEmail?: string | null }) =>
    timeline.push({ actorEmail: null, ...entry });

  add({
    at: order.createdAt,
    kind: "placed",
    title: "Placed",
    detail: `${money(order.totalAmount)} by ${order.email}`,
  });
  for (const payment of order.payments) {
    add({
      at: payment.createdAt,
      kind: "payment",
      title: "Payment started",
      detail: `${money(payment.amount)} at ${payment.provider} (${payment.providerRef})`,
    });
    if (payment.submittedAt)
      add({
        at: payment.submittedAt,
        kind: "payment",
        title: "Card details sent",
        detail: payment.providerRef,
      });
    const outcome = PAYMENT_OUTCOME[payment.status];
    if (outcome) add({ at: payment.updatedAt, kind: "payment", title: outcome, detail: payment.providerRef });
  }
  if (order.paidAt) add({ at: order.paidAt, kind: "paid", title: "Paid", detail: money(order.totalAmount) });
  if (order.fulfilledAt) {
    add({
      at: order.fulfilledAt,
      kind: "shipped",
      title: "Shipped",
      detail: [order.carrier, order.trackingNumber ? `tracking ${order.trackingNumber}` : null]
        .filter(Boolean)
        .join(", "),
      actorEmail: actorEmail(lastAudit("order.fulfilled")?.actorId),
    });
  }
  if (order.cancelledAt) {
    const cancelled = lastAudit("order.cancelled");
    const reason = (cancelled?.details as { reason?: unknown } | undefined)?.reason;
    add(
      order.status === "EXPIRED"
        ? {
            at: order.cancelledAt,
            kind: "expired",
            title: "Expired",
            detail: "Not paid in time; the stock returned",
          }
        : {
            at: order.cancelledAt,
            kind: "cancelled",
            title: "Cancelled",
            detail: typeof reason === "string" ? reason : null,
            actorEmail: actorEmail(cancelled?.actorId),
          },
    );
  }
  let refunded = 0;
  for (const refund of order.refunds) {
    refunded += refund.amount;
    add({
      at: refund.createdAt,
      kind: "refund",
      title: refunded === order.totalAmount ? "Refunded in full" : "Refunded in part",
      detail: `${money(refund.amount)}: ${refund.reason}`,
      actorEmail: actorEmail(refund.actorId),
    });
  }
  for (const entry of audit) {
    if (SHOWN_AS_FACTS.has(entry.action)) continue;
    add({
      at: entry.createdAt,
      kind: "staff",
      title: entry.action,
      detail: null,
      actorEmail: actorEmail(entry.actorId),
    });
  }
  // Oldest first; at the same instant, in the order added (placed before paid, paid before shipped).
  timeline.sort((a, b) => a.at.getTime() - b.at.getTime());

  const paidAmount = order.paidAt ? order.totalAmount : 0;
  const refundable =
    order.status === "PAID" || order.status === "FULFILLED" ? paidAmount - order.refundedAmount : 0;
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    email: order.email,
    currency,
    subtotalAmount: order.subtotalAmount,
    shippingAmount: order.shippingAmount,
    taxAmount: order.taxAmount,
    totalAmount: order.totalAmount,
    paidAmount,
    refundedAmount: order.refundedAmount,
    refundable,
    shippingMethod: order.shippingMethod,
    address: shippingAddressLines(order),
    shipCountry: order.shipCountry,
    carrier: order.carrier,
    trackingNumber: order.trackingNumber,
    createdAt: order.createdAt,
    reservedUntil: order.reservedUntil,
    paidAt: order.paidAt,
    fulfilledAt: order.fulfilledAt,
    cancelledAt: order.cancelledAt,
    confirmationSentAt: order.confirmationSentAt,
    shippedMailSentAt: order.shippedMailSentAt,
    customer:
      order.user && !order.user.deletedAt
        ? { id: order.user.id, email: order.user.email, name: order.user.name }
        : null,
    lines: order.lines.map((line) => ({
      id: line.id,
      productName: line.productName,
      variantName: line.variantName,
      sku: line.sku,
      unitAmount: line.unitAmount,
      quantity: line.quantity,
      lineAmount: line.lineAmount,
    })),
    payments: order.payments.map((payment) => ({
      id: payment.id,
      provider: payment.provider,
      providerRef: payment.providerRef,
      status: payment.status,
      amount: payment.amount,
      createdAt: payment.createdAt,
      submittedAt: payment.submittedAt,
      updatedAt: payment.updatedAt,
    })),
    refunds: order.refunds.map((refund) => ({
      id: refund.id,
      amount: refund.amount,
      reason: refund.reason,
      providerRef: refund.providerRef,
      createdAt: refund.createdAt,
      actorEmail: actorEmail(refund.actorId),
    })),
    unsettledRefunds: unsettled.map((intent) => ({
      id: intent.id,
      amount: intent.amount,
      reason: intent.reason,
      createdAt: intent.createdAt,
      actorEmail: actorEmail(intent.actorId),
    })),
    timeline,
    /** What staff may do now (the services decide again on the locked row). */
    can: {
      fulfil: order.status === "PAID",
      cancel: order.status === "PENDING_PAYMENT" || order.status === "PAID",
      refund: refundable > 0,
    },
  };
}

// ---- What staff do ------------------------------------------------------------------------

/** A refund waits for the provider inside the transaction, which may take longer than Prisma's 5 s default. */
const WRITE_TRANSACTION = { maxWait: 10_000, timeout: 30_000 } as const;
/** How long a write keeps trying for an order someone else is changing before it gives up. */
const LOCK_PATIENCE_MS = 15_000;

interface LockedOrder {
  id: string;
  number: number;
  status: OrderStatus;
  currency: string;
  totalAmount: number;
  refundedAmount: number;
  carrier: string | null;
  trackingNumber: string | null;
  fulfilledAt: Date | null;
  cancelledAt: Date | null;
}

class OrderBusy extends Error {}

/** PostgreSQL's lock_not_available, however the driver wraps it. */
const lockNotAvailable = (error: unknown) =>
  error instanceof Error &&
  (/\b55P03\b/.test(error.message) || (error as { meta?: { code?: unknown } }).meta?.code === "55P03");

/**
 * Run `work` in a transaction holding the order's row lock (SELECT … FOR UPDATE), so what it
 * checks is what it changes and racing writes take turns. The lock is taken with NOWAIT and
 * retried after a pause with the transaction closed: a write waiting its turn holds no database
 * connection, so racing writes cannot take every pooled connection while the one holding the
 * lock needs another (the test payment provider reads its payments through the same pool).
 */
async function withOrderLocked<T>(
  db: Db,
  orderId: string,
  work: (tx: Prisma.TransactionClient, order: LockedOrder) => Promise<T>,
): Promise<T> {
  const giveUpAt = Date.now() + LOCK_PATIENCE_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        let rows: LockedOrder[];
        try {
          rows = await tx.$queryRaw<LockedOrder[]>`
            SELECT "id", "number", "status", trim("currency") AS "currency", "totalAmount", "refundedAmount",
                   "carrier", "trackingNumber", "fulfilledAt", "cancelledAt"
            FROM "Order" WHERE "id" = ${orderId}
            FOR UPDATE NOWAIT`;
        } catch (error) {
          throw lockNotAvailable(error) ? new OrderBusy() : error;
        }
        const [order] = rows;
        if (!order) throw notFound("That order");
        return work(tx, order);
      }, WRITE_TRANSACTION);
    } catch (error) {
      if (!(error instanceof OrderBusy)) throw error;
      if (Date.now() > giveUpAt) {
        throw new TRPCError({
          code: "CONFLICT",
          message: "Someone else is changing this order. Try again in a moment.",
        });
      }
      // 20, 40, 80 … up to 320 ms, with jitter so racers spread out.
      await new Promise((resolve) =>
        setTimeout(resolve, 20 * 2 ** Math.min(attempt, 4) * (0.5 + Math.random())),
      );
    }
  }
}

/** A refund intent that another request left PENDING, to settle before this request goes on. */
class UnsettledRefund extends Error {
  constructor(readonly intentId: string) {
    super("an earlier refund of this order has no recorded outcome");
  }
}

/** Settle-and-try-again rounds before a refunding write gives up; one pending intent at most is usual. */
const SETTLE_ROUNDS = 3;

/** The provider sees the intent's id as the idempotency key: every ask for that refund sends it. */
const refundKey = (intent: Pick<RefundIntent, "id">) => `refund:${intent.id}`;

/**
 * The intent this request carries on, when the order has one PENDING for the same amount: the
 * retry of a request that failed after asking the provider, as a retry with the same amount always
 * was. One pending for another amount is another refund, settled first (UnsettledRefund).
 */
async function retriedIntent(tx: Prisma.TransactionClient, orderId: string, amount: number) {
  const pending = await tx.refundIntent.findFirst({
    where: { status: "PENDING", payment: { orderId } },
    orderBy: { createdAt: "asc" },
  });
  if (pending && pending.amount !== amount) throw new UnsettledRefund(pending.id);
  return pending;
}

/**
 * Ask the provider for the intent's refund, with its key. A refusal closes the intent (REFUSED,
 * written at once: nothing was paid, whatever becomes of the transaction); any other error leaves
 * it PENDING, since the provider may have paid.
 */
async function askProvider(
  db: Db,
  provider: PaymentProvider,
  payment: Pick<PaymentModel, "providerRef">,
  intent: RefundIntent,
): Promise<{ providerRef: string } | { refused: RefundRefusedError }> {
  try {
    return await provider.refund({
      paymentRef: payment.providerRef,
      amount: intent.amount,
      currency: intent.currency.trim(),
      idempotencyKey: refundKey(intent),
      reason: intent.reason,
    });
  } catch (error) {
    if (!(error instanceof RefundRefusedError)) throw error;
    await db.refundIntent.update({
      where: { id: intent.id },
      data: { status: "REFUSED", settledAt: new Date() },
    });
    return { refused: error };
  }
}

/** Write down the refund the provider made for `intent`, in the order's transaction. */
async function recordRefund(
  tx: Prisma.TransactionClient,
  order: LockedOrder,
  intent: RefundIntent,
  providerRef: string,
) {
  const refund = await tx.refund.create({
    data: {
      orderId: order.id,
      paymentId: intent.paymentId,
      amount: intent.amount,
      currency: order.currency,
      reason: intent.reason,
      providerRef,
      actorId: intent.actorId,
    },
  });
  await tx.refundIntent.update({
    where: { id: intent.id },
    data: { status: "SUCCEEDED", refundId: refund.id, settledAt: new Date() },
  });
  const updated = await tx.order.update({
    where: { id: order.id },
    data: { refundedAmount: { increment: intent.amount } },
  });
  await emitWebhookEvent(tx, "order.refunded", {
    ...orderEventData(updated),
    refund: { id: refund.id, amount: intent.amount },
  });
  return refund;
}

/**
 * Give `amount` back through the provider that took the payment, and record it. The intent is
 * committed through `db`, outside the order's transaction, before the provider is asked: if that
 * transaction then fails, the intent stays PENDING and the next refund of the order settles it.
 * It refers to the payment, not the order, whose row this transaction holds locked.
 */
async function refundWithin(
  tx: Prisma.TransactionClient,
  db: Db,
  provider: PaymentProvider,
  order: LockedOrder,
  request: { amount: number; reason: string; actorId: string },
  retried: RefundIntent | null,
) {
  const payment = await tx.payment.findFirst({
    where: { orderId: order.id, status: "SUCCEEDED", amount: order.totalAmount },
    orderBy: { createdAt: "asc" },
  });
  if (!payment) {
    throw new TRPCError({
      code: "CONFLICT",
      message: "No payment for this order was taken, so there is nothing to refund.",
    });
  }
  if (payment.provider !== provider.name) {
    throw new TRPCError({
      code: "CONFLICT",
      message: `This order was paid through ${payment.provider}: refund it there.`,
    });
  }
  const intent =
    retried ??
    (await db.refundIntent.create({
      data: { paymentId: payment.id, currency: order.currency, ...request },
    }));
  const answer = await askProvider(db, provider, payment, intent);
  if ("refused" in answer) {
    throw new TRPCError({
      code: "BAD_GATEWAY",
      message: `${answer.refused.message}. Nothing was changed.`,
      cause: answer.refused,
    });
  }
  return recordRefund(tx, order, intent, answer.providerRef);
}

/**
 * After a refund is recorded: a paid or shipped order refunded in full becomes REFUNDED (a move
 * announces itself), a partial refund is announced; audited either way.
 */
async function finishRefund(
  tx: Prisma.TransactionClient,
  order: LockedOrder,
  refund: { id: string; amount: number; reason: string; providerRef: string },
  actorId: string,
  meta: RequestMeta,
  now: Date,
  details: Record<string, string> = {},
) {
  const refundedAmount = order.refundedAmount + refund.amount;
  const status: OrderStatus = refundedAmount === order.totalAmount ? "REFUNDED" : order.status;
  if (status === "REFUNDED") await moveOrderWithin(tx, order.id, "REFUNDED", now, actorId);
  else await announceOrderChange(tx, order.id);
  await recordChange(
    tx,
    {
      action: "order.refunded",
      actorId,
      targetType: "order",
      targetId: order.id,
      ...changedFields(
        { status: order.status, refundedAmount: order.refundedAmount },
        { status, refundedAmount },
      ),
      details: {
        number: order.number,
        refundId: refund.id,
        amount: refund.amount,
        currency: order.currency,
        reason: refund.reason,
        providerRef: refund.providerRef,
        ...details,
      },
    },
    meta,
  );
}

/**
 * Settle an intent another request left PENDING: ask the provider again with its key (it answers
 * with the refund it made, or makes it now if the first ask never reached it) and record that
 * refund; a refusal closes the intent. Its own transaction, so what it learnt stays recorded
 * whatever the request that found it does next.
 */
async function settleIntent(
  db: Db,
  provider: PaymentProvider,
  intentId: string,
  actorId: string,
  meta: RequestMeta,
  now: Date,
) {
  const { payment } = await db.refundIntent.findUniqueOrThrow({
    where: { id: intentId },
    select: { payment: { select: { orderId: true } } },
  });
  await withOrderLocked(db, payment.orderId, async (tx, order) => {
    const intent = await tx.refundIntent.findUniqueOrThrow({
      where: { id: intentId },
      include: { payment: { select: { providerRef: true } } },
    });
    // Settled meanwhile by another request.
    if (intent.status !== "PENDING") return;
    const answer = await askProvider(db, provider, intent.payment, intent);
    if ("refused" in answer) return;
    const refund = await recordRefund(tx, order, intent, answer.providerRef);
    await finishRefund(tx, order, refund, actorId, meta, now, { settlesIntent: intent.id });
  });
}

/**
 * Run a write that refunds (a refund, a paid order's cancel). When it finds another request's
 * refund unsettled it stops, that refund is settled, and it runs again on the new state.
 */
async function settlingFirst<T>(
  db: Db,
  provider: PaymentProvider,
  actorId: string,
  meta: RequestMeta,
  now: Date,
  write: () => Promise<T>,
): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof UnsettledRefund)) throw error;
      if (round >= SETTLE_ROUNDS) {
        throw new TRPCError({
          code: "CONFLICT",
          message: "Someone else is changing this order. Try again in a moment.",
        });
      }
      await settleIntent(db, provider, error.intentId, actorId, meta, now);
    }
  }
}

/** What a write answers with: enough for the page's message. */
async function summary(db: Db, orderId: string) {
  const order = await db.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      id: true,
      number: true,
      status: true,
      currency: true,
      totalAmount: true,
      refundedAmount: true,
      carrier: true,
      trackingNumber: true,
    },
  });
  return { ...order, currency: order.currency.trim() };
}

/**
 * Mark a paid order shipped with its tracking number: the shopper's page turns "Shipped" live,
 * and the shipping notice is queued in the same transaction (sent once, by the job).
 */
export async function fulfilOrder(
  db: Db,
  actorId: string,
  input: { orderId: string; carrier?: string | undefined; trackingNumber: string },
  meta: RequestMeta,
  now = new Date(),
) {
  await withOrderLocked(db, input.orderId, async (tx, order) => {
    if (order.status === "FULFILLED") {
      throw new TRPCError({ code: "CONFLICT", message: `Order ${order.number} is already marked shipped.` });
    }
    if (order.status !== "PAID") throw illegalTransition(order.status, "FULFILLED");
    const carrier = input.carrier ?? null;
    await tx.order.update({
      where: { id: order.id },
      data: { carrier, trackingNumber: input.trackingNumber },
    });
    await moveOrderWithin(tx, order.id, "FULFILLED", now, actorId);
    await enqueueJob(tx, "send-shipping-notice", { orderId: order.id }, `shipping-notice:${order.id}`);
    await recordChange(
      tx,
      {
        action: "order.fulfilled",
        actorId,
        targetType: "order",
        targetId: order.id,
        ...changedFields(
          {
            status: order.status,
            carrier: order.carrier,
            trackingNumber: order.trackingNumber,
            fulfilledAt: order.fulfilledAt,
          },
          { status: "FULFILLED", carrier, trackingNumber: input.trackingNumber, fulfilledAt: now },
        ),
        details: { number: order.number },
      },
      meta,
    );
  });
  return summary(db, input.orderId);
}

/**
 * Cancel an order that has not shipped: its stock returns (the ledger says RELEASED, with the
 * order and who cancelled it) and, if it was paid, what is left of the payment is refunded through
 * the provider in the same transaction (after settling an earlier unsettled refund). If the
 * provider refuses, nothing happens at all.
 */
export async function cancelOrder(
  db: Db,
  provider: PaymentProvider,
  actorId: string,
  input: { orderId: string; reason: string },
  meta: RequestMeta,
  now = new Date(),
) {
  const cancelling = () =>
    withOrderLocked(db, input.orderId, async (tx, order) => {
      if (order.status === "FULFILLED") {
        throw new TRPCError({
          code: "CONFLICT",
          message: "This order has shipped, so it cannot be cancelled: refund it instead.",
        });
      }
      if (order.status !== "PENDING_PAYMENT" && order.status !== "PAID") {
        throw illegalTransition(order.status, "CANCELLED");
      }
      const left = order.totalAmount - order.refundedAmount;
      const refunds = order.status === "PAID" && left > 0;
      const retried = refunds ? await retriedIntent(tx, order.id, left) : null;
      const moved = await moveOrderWithin(tx, order.id, "CANCELLED", now, actorId);
      const refund = refunds
        ? await refundWithin(
            tx,
            db,
            provider,
            order,
            { amount: left, reason: `Order cancelled: ${input.reason}`, actorId },
            retried,
          )
        : null;
      await recordChange(
        tx,
        {
          action: "order.cancelled",
          actorId,
          targetType: "order",
          targetId: order.id,
          ...changedFields(
            { status: order.status, cancelledAt: order.cancelledAt, refundedAmount: order.refundedAmount },
            {
              status: "CANCELLED",
              cancelledAt: now,
              refundedAmount: order.refundedAmount + (refund?.amount ?? 0),
            },
          ),
          details: {
            number: order.number,
            reason: input.reason,
            released: moved.order.lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
            refund: refund ? { id: refund.id, amount: refund.amount, providerRef: refund.providerRef } : null,
          },
        },
        meta,
      );
      return moved.restocked;
    });
  const restocked = await settlingFirst(db, provider, actorId, meta, now, cancelling);
  if (restocked.length > 0) await catalogChanged(productChangeTags(restocked));
  return summary(db, input.orderId);
}

/**
 * Refund part or all of a paid (or shipped) order through the provider. The amount must be more
 * than 0 (the schema) and at most what is left (409 on `amount`) once an earlier unsettled refund
 * is settled; refunding the rest moves the order to REFUNDED. A refund gives money back, not
 * stock: returned goods are a stock adjustment.
 */
export async function refundOrder(
  db: Db,
  provider: PaymentProvider,
  actorId: string,
  input: { orderId: string; amount: number; reason: string },
  meta: RequestMeta,
  now = new Date(),
) {
  const refunding = () =>
    withOrderLocked(db, input.orderId, async (tx, order) => {
      if (order.status !== "PAID" && order.status !== "FULFILLED") {
        throw new TRPCError({
          code: "CONFLICT",
          message:
            order.status === "PENDING_PAYMENT"
              ? "This order has not been paid, so there is nothing to refund."
              : `This order is ${order.status.toLowerCase()}: there is nothing left to refund.`,
        });
      }
      const retried = await retriedIntent(tx, order.id, input.amount);
      const left = order.totalAmount - order.refundedAmount;
      if (input.amount > left) {
        throw fieldError(
          "CONFLICT",
          "amount",
          `is more than is left to refund (${formatMoney({ amount: left, currency: order.currency })})`,
        );
      }
      const refund = await refundWithin(
        tx,
        db,
        provider,
        order,
        { amount: input.amount, reason: input.reason, actorId },
        retried,
      );
      await finishRefund(tx, order, refund, actorId, meta, now);
    });
  await settlingFirst(db, provider, actorId, meta, now, refunding);
  return summary(db, input.orderId);
}
