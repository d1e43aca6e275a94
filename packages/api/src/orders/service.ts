import { createHash } from "node:crypto";

import { Prisma, type Db, type DbOrTx, type OrderStatus } from "@bazaar/db";
import type { StockConflict } from "@bazaar/validators";
import { TRPCError } from "@trpc/server";

import { catalogChanged, productChangeTags } from "../catalog/cache-tags.ts";
import { fieldError, notFound, StockConflictError } from "../errors.ts";
import { enqueueJob } from "../jobs/queue.ts";
import { describeStockChange, reportLowStock } from "../stock/ledger.ts";
import { emitWebhookEvent, orderEventData } from "../webhooks/events.ts";
import { announceOrderChange } from "./live.ts";
import { assertTransition, HOLDS_STOCK, illegalTransition, RELEASES_STOCK } from "./status.ts";

/** How long an unpaid order holds its stock before it expires and the stock returns. */
export const RESERVATION_MINUTES = 30;

export interface PlaceOrderInput {
  /** Whose key this is: `user:<id>` for an account, `cart:<id>` for a guest. Keys never cross scopes. */
  idempotencyScope: string;
  idempotencyKey: string;
  userId: string | null;
  email: string;
  lines: { variantId: string; quantity: number }[];
  shippingAmount?: number;
  /** A fixed tax amount, or a rate applied to the subtotal (and shipping) computed under the locks. */
  taxAmount?: number;
  tax?: TaxRule;
  shipping?: { address: ShippingAddress; method: string };
  /** What the key is held to, when the request is more than its lines (a checkout); default: the lines. */
  requestHash?: string;
  /** Empty this cart in the same transaction (checkout). */
  clearCartId?: string;
}

export interface TaxRule {
  rateBasisPoints: number;
  appliesToShipping: boolean;
}

export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string | undefined;
  city: string;
  region?: string | undefined;
  postalCode: string;
  country: string;
}

/** Basis points of an amount, rounded half up, in integers only. */
export function percentOf(amount: number, basisPoints: number): number {
  return Math.floor((amount * basisPoints + 5_000) / 10_000);
}

export function taxOn(subtotal: number, shipping: number, rule: TaxRule): number {
  return percentOf(subtotal + (rule.appliesToShipping ? shipping : 0), rule.rateBasisPoints);
}

/** Thrown when lines ask for more than is left under the row locks; the message names each item. */
export class OutOfStockError extends StockConflictError {
  constructor(shortages: StockConflict[]) {
    const told = shortages.map(({ productName, variantName, available }) => {
      const label = `${productName} (${variantName})`;
      return available === 0
        ? `${label} is sold out.`
        : `Only ${available} of ${label} ${available === 1 ? "is" : "are"} left.`;
    });
    super(told.join(" "), shortages);
  }
}

/** The same request, however its lines are ordered: what the idempotency key is held to. */
function requestHash(input: PlaceOrderInput): string {
  const lines = [...input.lines]
    .sort((a, b) => a.variantId.localeCompare(b.variantId))
    .map((line) => [line.variantId, line.quantity]);
  const canonical = JSON.stringify([
    input.email,
    input.userId,
    lines,
    input.shippingAmount ?? 0,
    input.taxAmount ?? 0,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

const orderInclude = { lines: { orderBy: { sku: "asc" } } } satisfies Prisma.OrderInclude;
export type PlacedOrder = Prisma.OrderGetPayload<{ include: typeof orderInclude }>;

/** One order with its lines, or a 404. */
export async function findOrder(db: DbOrTx, orderId: string): Promise<PlacedOrder> {
  const order = await db.order.findUnique({ where: { id: orderId }, include: orderInclude });
  if (!order) throw notFound("That order");
  return order;
}

/** The first result for this key, or a 422 when the key came with a different request. */
export async function replay(
  db: Db,
  input: Pick<PlaceOrderInput, "idempotencyScope" | "idempotencyKey">,
  hash: string,
): Promise<PlacedOrder | null> {
  const existing = await db.order.findUnique({
    where: {
      idempotencyScope_idempotencyKey: {
        idempotencyScope: input.idempotencyScope,
        idempotencyKey: input.idempotencyKey,
      },
    },
    include: orderInclude,
  });
  if (!existing) return null;
  if (existing.requestHash !== hash) {
    throw fieldError(
      "UNPROCESSABLE_CONTENT",
      "idempotencyKey",
      "was already used for a different order: use a new key for a new request",
    );
  }
  return existing;
}

/**
 * Place an order in one transaction: lock the variants' rows (in id order, so two orders never
 * wait on each other in a circle), check every line against the stock, take the stock, and write
 * the order with its prices as they are now. All or nothing: a short line changes nothing.
 *
 * Retrying with the same idempotency key returns the first order and takes no more stock, also
 * when the retries race each other (the unique key decides, and the loser's transaction is undone).
 */
export async function placeOrder(db: Db, input: PlaceOrderInput, now = new Date()): Promise<PlacedOrder> {
  const hash = input.requestHash ?? requestHash(input);
  const earlier = await replay(db, input, hash);
  if (earlier) return earlier;

  const quantities = new Map<string, number>();
  for (const line of input.lines) {
    quantities.set(line.variantId, (quantities.get(line.variantId) ?? 0) + line.quantity);
  }
  const variantIds = [...quantities.keys()].sort();
  let placed: { order: PlacedOrder; productSlugs: string[] };
  try {
    placed = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<
        {
          id: string;
          sku: string;
          name: string;
          priceAmount: number;
          currency: string;
          stockOnHand: number;
          productId: string;
          productName: string;
          productSlug: string;
        }[]
      >`
        SELECT v."id", v."sku", v."name", v."priceAmount", v."currency", v."stockOnHand", v."productId",
               p."name" AS "productName", p."slug" AS "productSlug"
        FROM "ProductVariant" v JOIN "Product" p ON p."id" = v."productId"
        WHERE v."id" IN (${Prisma.join(variantIds)}) AND p."status" = 'PUBLISHED'
        ORDER BY v."id"
        FOR UPDATE OF v`;
      const byId = new Map(rows.map((row) => [row.id, row]));
      const missing = variantIds.filter((id) => !byId.has(id));
      if (missing.length > 0) throw fieldError("BAD_REQUEST", "lines", `no such item: ${missing.join(", ")}`);
      const currencies = new Set(rows.map((row) => row.currency.trim()));
      if (currencies.size > 1)
        throw fieldError("BAD_REQUEST", "lines", "items in one order must share a currency");

      const shortages = rows
        .filter((row) => row.stockOnHand < (quantities.get(row.id) ?? 0))
        .map((row) => ({
          variantId: row.id,
          productName: row.productName,
          variantName: row.name,
          requested: quantities.get(row.id) ?? 0,
          available: row.stockOnHand,
        }));
      if (shortages.length > 0) throw new OutOfStockError(shortages);

      const lines = rows.map((row) => {
        const quantity = quantities.get(row.id) ?? 0;
        return {
          variantId: row.id,
          productName: row.productName,
          variantName: row.name,
          sku: row.sku,
          unitAmount: row.priceAmount,
          quantity,
          lineAmount: row.priceAmount * quantity,
        };
      });
      const subtotalAmount = lines.reduce((sum, line) => sum + line.lineAmount, 0);
      const shippingAmount = input.shippingAmount ?? 0;
      const taxAmount = input.tax ? taxOn(subtotalAmount, shippingAmount, input.tax) : (input.taxAmount ?? 0);
      const address = input.shipping?.address;
      const order = await tx.order.create({
        data: {
          userId: input.userId,
          email: input.email,
          currency: [...currencies][0] ?? "USD",
          subtotalAmount,
          shippingAmount,
          taxAmount,
          totalAmount: subtotalAmount + shippingAmount + taxAmount,
          idempotencyScope: input.idempotencyScope,
          idempotencyKey: input.idempotencyKey,
          requestHash: hash,
          reservedUntil: new Date(now.getTime() + RESERVATION_MINUTES * 60_000),
          ...(address
            ? {
                shipName: address.name,
                shipLine1: address.line1,
                shipLine2: address.line2 ?? null,
                shipCity: address.city,
                shipRegion: address.region ?? null,
                shipPostalCode: address.postalCode,
                shipCountry: address.country,
                shippingMethod: input.shipping?.method ?? null,
              }
            : {}),
          lines: { create: lines },
        },
        include: orderInclude,
      });
      // Take the stock (the rows are locked and were checked above); the ledger names the order.
      await describeStockChange(tx, { reason: "SOLD", orderId: order.id, actorId: input.userId });
      for (const row of rows) {
        const taken = quantities.get(row.id) ?? 0;
        await tx.$executeRaw`
          UPDATE "ProductVariant" SET "stockOnHand" = "stockOnHand" - ${taken}
          WHERE "id" = ${row.id}`;
        await reportLowStock(tx, { ...row, variantId: row.id }, row.stockOnHand - taken);
      }
      await emitWebhookEvent(tx, "order.created", orderEventData(order));
      if (input.clearCartId) await tx.cartItem.deleteMany({ where: { cartId: input.clearCartId } });
      return { order, productSlugs: [...new Set(rows.map((row) => row.productSlug))] };
    });
  } catch (error) {
    // A concurrent request with the same key may have committed first (this one then hit the
    // unique key, or found the stock already taken by it): answer as that one did.
    const first = await replay(db, input, hash);
    if (first) return first;
    throw error;
  }
  await catalogChanged(productChangeTags(placed.productSlugs));
  return placed.order;
}

/**
 * Move an order to `to` if its status allows it, in one transaction; an order that ends before it
 * ships (cancelled or expired) puts its stock back. The update is conditional on the status read,
 * so two racing moves cannot both happen.
 */
export async function moveOrder(
  db: Db,
  orderId: string,
  to: OrderStatus,
  now = new Date(),
): Promise<PlacedOrder> {
  const result = await db.$transaction((tx) => moveOrderWithin(tx, orderId, to, now));
  if (result.restocked.length > 0) await catalogChanged(productChangeTags(result.restocked));
  return result.order;
}

/**
 * `moveOrder` inside a caller's transaction (a payment event that marks an order paid, staff
 * shipping or cancelling one). The caller reports `restocked` products to the catalog once its
 * transaction has committed. `actorId` is who asked (staff), for the stock ledger.
 */
export async function moveOrderWithin(
  tx: Prisma.TransactionClient,
  orderId: string,
  to: OrderStatus,
  now = new Date(),
  actorId: string | null = null,
): Promise<{ order: PlacedOrder; restocked: string[] }> {
  const order = await tx.order.findUnique({ where: { id: orderId }, include: orderInclude });
  if (!order) throw notFound("That order");
  assertTransition(order.status, to);
  const moved = await tx.order.updateMany({
    where: { id: orderId, status: order.status },
    data: {
      status: to,
      ...(to === "PAID" ? { paidAt: now, reservedUntil: null } : {}),
      ...(to === "FULFILLED" ? { fulfilledAt: now } : {}),
      ...(to === "CANCELLED" || to === "EXPIRED" ? { cancelledAt: now, reservedUntil: null } : {}),
    },
  });
  if (moved.count === 0) {
    const current = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true } });
    throw illegalTransition(current.status, to);
  }
  // The confirmation mail and the live pages' notice commit with the move, or not at all.
  if (to === "PAID") {
    await enqueueJob(tx, "send-order-confirmation", { orderId }, `order-confirmation:${orderId}`);
  }
  await announceOrderChange(tx, orderId);
  const releases = HOLDS_STOCK.includes(order.status) && RELEASES_STOCK.includes(to);
  const restocked = releases ? await releaseStock(tx, order, actorId) : [];
  const updated = await tx.order.findUniqueOrThrow({ where: { id: orderId }, include: orderInclude });
  if (to === "PAID") await emitWebhookEvent(tx, "order.paid", orderEventData(updated));
  if (to === "FULFILLED") {
    await emitWebhookEvent(tx, "order.fulfilled", {
      ...orderEventData(updated),
      carrier: updated.carrier,
      trackingNumber: updated.trackingNumber,
    });
  }
  return { order: updated, restocked };
}

/** Put an order's stock back, locking the variants in id order as placing does. */
async function releaseStock(
  tx: Prisma.TransactionClient,
  order: PlacedOrder,
  actorId: string | null,
): Promise<string[]> {
  const lines = order.lines
    .filter((line): line is typeof line & { variantId: string } => line.variantId !== null)
    .sort((a, b) => a.variantId.localeCompare(b.variantId));
  if (lines.length === 0) return [];
  await tx.$queryRaw`SELECT 1 FROM "ProductVariant" WHERE "id" IN (${Prisma.join(lines.map((l) => l.variantId))}) ORDER BY "id" FOR UPDATE`;
  await describeStockChange(tx, { reason: "RELEASED", orderId: order.id, actorId });
  for (const line of lines) {
    await tx.$executeRaw`UPDATE "ProductVariant" SET "stockOnHand" = "stockOnHand" + ${line.quantity} WHERE "id" = ${line.variantId}`;
  }
  const products = await tx.$queryRaw<{ slug: string }[]>`
    SELECT DISTINCT p."slug" FROM "Product" p JOIN "ProductVariant" v ON v."productId" = p."id"
    WHERE v."id" IN (${Prisma.join(lines.map((l) => l.variantId))})`;
  return products.map((p) => p.slug);
}

/**
 * Expire unpaid orders whose hold has run out, returning their stock; the scheduled job calls
 * this. Each order is moved on its own, so one failure does not hold back the rest, and an order
 * paid meanwhile is left alone (its move to EXPIRED is refused).
 */
export async function expireUnpaidOrders(db: Db, now = new Date(), limit = 500): Promise<string[]> {
  const due = await db.order.findMany({
    where: { status: "PENDING_PAYMENT", reservedUntil: { lte: now } },
    select: { id: true },
    orderBy: { reservedUntil: "asc" },
    take: limit,
  });
  const expired: string[] = [];
  for (const { id } of due) {
    try {
      await moveOrder(db, id, "EXPIRED", now);
      expired.push(id);
    } catch (error) {
      if (!(error instanceof TRPCError && error.code === "CONFLICT")) throw error;
    }
  }
  return expired;
}
