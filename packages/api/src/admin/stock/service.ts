// Staff adjust stock by hand, with a reason; the ledger (stock/ledger.ts) records every movement.
import type { RequestMeta } from "@bazaar/auth";
import type { Db, StockReason } from "@bazaar/db";
import { encodeAdminCursor, type AdminCursor, type AdminPage } from "@bazaar/validators";

import { recordChange } from "../../audit/record.ts";
import { catalogChanged, productChangeTags } from "../../catalog/cache-tags.ts";
import { fieldError, notFound } from "../../errors.ts";
import { describeStockChange, reportLowStock } from "../../stock/ledger.ts";

/**
 * Add or take stock from one variant. The row is locked, so the figure checked is the one changed;
 * taking more than is on hand is a 409 on `delta` and changes nothing.
 */
export async function adjustStock(
  db: Db,
  actorId: string,
  input: { variantId: string; delta: number; reason: StockReason; note?: string | undefined },
  meta: RequestMeta,
) {
  const result = await db.$transaction(async (tx) => {
    const [variant] = await tx.$queryRaw<
      { stockOnHand: number; sku: string; slug: string; productId: string }[]
    >`
      SELECT v."stockOnHand", v."sku", p."slug", v."productId"
      FROM "ProductVariant" v JOIN "Product" p ON p."id" = v."productId"
      WHERE v."id" = ${input.variantId}
      FOR UPDATE OF v`;
    if (!variant) throw notFound("That variant");
    const stockOnHand = variant.stockOnHand + input.delta;
    if (stockOnHand < 0) {
      throw fieldError(
        "CONFLICT",
        "delta",
        `would leave ${stockOnHand}: only ${variant.stockOnHand} ${variant.stockOnHand === 1 ? "is" : "are"} on hand`,
      );
    }
    await describeStockChange(tx, { reason: input.reason, actorId, note: input.note });
    await tx.$executeRaw`
      UPDATE "ProductVariant" SET "stockOnHand" = ${stockOnHand} WHERE "id" = ${input.variantId}`;
    await reportLowStock(tx, { ...variant, variantId: input.variantId }, stockOnHand);
    await recordChange(
      tx,
      {
        action: "stock.adjusted",
        actorId,
        targetType: "variant",
        targetId: input.variantId,
        before: { stockOnHand: variant.stockOnHand },
        after: { stockOnHand },
        details: { sku: variant.sku, delta: input.delta, reason: input.reason, note: input.note ?? null },
      },
      meta,
    );
    return { variantId: input.variantId, stockOnHand, slug: variant.slug };
  });
  await catalogChanged(productChangeTags([result.slug]));
  return { variantId: result.variantId, stockOnHand: result.stockOnHand };
}

export interface StockLevel {
  variantId: string;
  sku: string;
  productId: string;
  productSlug: string;
  stockOnHand: number;
}

/**
 * Every variant's stock in id order, a page at a time (the cursor is the last variant's id), or
 * the variant with one SKU.
 */
export async function listStockLevels(
  db: Db,
  input: { sku?: string | undefined; cursor?: string | null | undefined; limit: number },
): Promise<{ items: StockLevel[]; nextCursor: string | null }> {
  const rows = await db.productVariant.findMany({
    where: {
      ...(input.sku ? { sku: input.sku } : {}),
      ...(input.cursor ? { id: { gt: input.cursor } } : {}),
    },
    orderBy: { id: "asc" },
    take: input.limit + 1,
    select: { id: true, sku: true, stockOnHand: true, product: { select: { id: true, slug: true } } },
  });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((row) => ({
      variantId: row.id,
      sku: row.sku,
      productId: row.product.id,
      productSlug: row.product.slug,
      stockOnHand: row.stockOnHand,
    })),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export interface StockMovementView {
  id: string;
  delta: number;
  reason: StockReason;
  orderId: string | null;
  actorEmail: string | null;
  note: string | null;
  createdAt: Date;
}

/** A variant's ledger, newest first, with the running on-hand figure after each movement. */
export async function listStockMovements(
  db: Db,
  input: { variantId: string; cursor?: AdminCursor | null | undefined; limit: number },
): Promise<AdminPage<StockMovementView & { balanceAfter: number }>> {
  const variant = await db.productVariant.findUnique({
    where: { id: input.variantId },
    select: { stockOnHand: true },
  });
  if (!variant) throw notFound("That variant");
  if (input.cursor && !/^\d+$/.test(input.cursor.id))
    throw fieldError("BAD_REQUEST", "cursor", "is not a valid cursor");
  // Movement ids are a sequence, so the cursor's id alone orders them; its time is for show.
  const before = input.cursor ? BigInt(input.cursor.id) : undefined;
  const [rows, total, newer] = await Promise.all([
    db.stockMovement.findMany({
      where: { variantId: input.variantId, ...(before ? { id: { lt: before } } : {}) },
      orderBy: { id: "desc" },
      take: input.limit + 1,
    }),
    db.stockMovement.count({ where: { variantId: input.variantId } }),
    before
      ? db.stockMovement.aggregate({
          where: { variantId: input.variantId, id: { gte: before } },
          _sum: { delta: true },
        })
      : null,
  ]);
  const page = rows.slice(0, input.limit);
  const actorIds = [...new Set(page.flatMap((row) => (row.actorId ? [row.actorId] : [])))];
  const actors = new Map(
    (await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, email: true } })).map(
      (user) => [user.id, user.email],
    ),
  );
  // Walk back from today's figure: the balance after a movement is on-hand minus everything later.
  let balance = variant.stockOnHand - (newer?._sum.delta ?? 0);
  const items = page.map((row) => {
    const item = {
      id: row.id.toString(),
      delta: row.delta,
      reason: row.reason,
      orderId: row.orderId,
      actorEmail: row.actorId ? (actors.get(row.actorId) ?? null) : null,
      note: row.note,
      createdAt: row.createdAt,
      balanceAfter: balance,
    };
    balance -= row.delta;
    return item;
  });
  const last = page.at(-1);
  return {
    items,
    nextCursor:
      rows.length > input.limit && last
        ? encodeAdminCursor({ at: last.createdAt, id: last.id.toString() })
        : null,
    total,
  };
}
