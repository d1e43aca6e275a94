// The stock ledger. The database appends a StockMovement for every change of a variant's
// stockOnHand (triggers in the admin_console migration), so on-hand always equals the ledger's
// sum whoever changes it. Code that changes stock says why first, with `describeStockChange`, in
// the same transaction; a change that names no reason is recorded as a CORRECTION.
import type { DbOrTx, Prisma, StockReason } from "@bazaar/db";

import { LOW_STOCK } from "../catalog/service.ts";
import { emitWebhookEvent } from "../webhooks/events.ts";

export interface StockChange {
  reason: StockReason;
  orderId?: string | null | undefined;
  actorId?: string | null | undefined;
  note?: string | null | undefined;
}

/** Name the reason (and order, actor, note) for the stock changes that follow in this transaction. */
export async function describeStockChange(tx: Prisma.TransactionClient, change: StockChange): Promise<void> {
  // set_config(..., true) lasts until the transaction ends, so it cannot leak to the pool's next user.
  await tx.$executeRaw`SELECT
    set_config('bazaar.stock_reason', ${change.reason}, true),
    set_config('bazaar.stock_order', ${change.orderId ?? ""}, true),
    set_config('bazaar.stock_actor', ${change.actorId ?? ""}, true),
    set_config('bazaar.stock_note', ${change.note ?? ""}, true)`;
}

/** Variants whose on-hand figure differs from their ledger's sum: always none (the tests hold it to that). */
export function ledgerMismatches(db: DbOrTx) {
  return db.$queryRaw<{ variantId: string; stockOnHand: number; ledger: number }[]>`
    SELECT v."id" AS "variantId", v."stockOnHand", COALESCE(SUM(m."delta"), 0)::int AS "ledger"
    FROM "ProductVariant" v LEFT JOIN "StockMovement" m ON m."variantId" = v."id"
    GROUP BY v."id"
    HAVING v."stockOnHand" <> COALESCE(SUM(m."delta"), 0)`;
}

/**
 * Tell webhook receivers (stock.low) when a change takes a variant from above LOW_STOCK to at or
 * below it: once per crossing, not on every sale while it stays low.
 */
export async function reportLowStock(
  tx: Prisma.TransactionClient,
  variant: { variantId: string; sku: string; productId: string; stockOnHand: number },
  stockAfter: number,
): Promise<void> {
  if (variant.stockOnHand > LOW_STOCK && stockAfter <= LOW_STOCK) {
    await emitWebhookEvent(tx, "stock.low", {
      variantId: variant.variantId,
      sku: variant.sku,
      productId: variant.productId,
      stockOnHand: stockAfter,
      threshold: LOW_STOCK,
    });
  }
}
