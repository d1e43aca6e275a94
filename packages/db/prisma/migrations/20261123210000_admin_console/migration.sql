-- CreateEnum
CREATE TYPE "ProductStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "StockReason" AS ENUM ('OPENING', 'RECEIVED', 'DAMAGED', 'CORRECTION', 'RETURNED', 'SOLD', 'RELEASED');

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "after" JSONB,
ADD COLUMN     "before" JSONB,
ADD COLUMN     "targetType" TEXT;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "carrier" TEXT,
ADD COLUMN     "refundedAmount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "shippedMailSentAt" TIMESTAMP(3),
ADD COLUMN     "trackingNumber" TEXT;

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "status" "ProductStatus" NOT NULL DEFAULT 'PUBLISHED';

-- CreateTable
CREATE TABLE "StockMovement" (
    "id" BIGSERIAL NOT NULL,
    "variantId" TEXT NOT NULL,
    "delta" INTEGER NOT NULL,
    "reason" "StockReason" NOT NULL,
    "orderId" TEXT,
    "actorId" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StockMovement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Refund" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "providerRef" TEXT NOT NULL,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Refund_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StockMovement_variantId_id_idx" ON "StockMovement"("variantId", "id");

-- CreateIndex
CREATE INDEX "StockMovement_orderId_idx" ON "StockMovement"("orderId");

-- CreateIndex
CREATE INDEX "Refund_orderId_idx" ON "Refund"("orderId");

-- CreateIndex
CREATE INDEX "AuditLog_targetType_targetId_createdAt_idx" ON "AuditLog"("targetType", "targetId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_createdAt_id_idx" ON "AuditLog"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Order_createdAt_id_idx" ON "Order"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Order_status_createdAt_id_idx" ON "Order"("status", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Order_paidAt_idx" ON "Order"("paidAt");

-- CreateIndex
CREATE INDEX "Order_email_trgm_idx" ON "Order" USING GIN ("email" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Product_status_updatedAt_idx" ON "Product"("status", "updatedAt" DESC);

-- CreateIndex
CREATE INDEX "ProductVariant_stockOnHand_idx" ON "ProductVariant"("stockOnHand");

-- AddForeignKey
ALTER TABLE "StockMovement" ADD CONSTRAINT "StockMovement_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "ProductVariant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Checks Prisma's schema language cannot express.
ALTER TABLE "StockMovement" ADD CONSTRAINT "StockMovement_delta_check" CHECK ("delta" <> 0);
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_amount_check" CHECK ("amount" > 0);
ALTER TABLE "Order" ADD CONSTRAINT "Order_refundedAmount_check"
  CHECK ("refundedAmount" >= 0 AND "refundedAmount" <= "totalAmount");

-- The stock ledger is kept by the database: every statement that changes a variant's
-- "stockOnHand" (an order, a cancellation, a staff adjustment, a script, psql) appends one movement
-- per changed row, so on-hand always equals the ledger's sum. The app says why in transaction-local
-- settings (bazaar.stock_reason, _order, _actor, _note); a change that names none is a CORRECTION.
CREATE FUNCTION "stock_ledger_setting"(name TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT NULLIF(current_setting('bazaar.stock_' || name, true), '')
$$;

CREATE FUNCTION "record_stock_opening"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "StockMovement" ("variantId", "delta", "reason", "actorId", "note")
  SELECT a."id", a."stockOnHand", 'OPENING', "stock_ledger_setting"('actor'), "stock_ledger_setting"('note')
  FROM added a WHERE a."stockOnHand" <> 0;
  RETURN NULL;
END
$$;

CREATE TRIGGER "ProductVariant_stock_opening"
AFTER INSERT ON "ProductVariant" REFERENCING NEW TABLE AS added
FOR EACH STATEMENT EXECUTE FUNCTION "record_stock_opening"();

CREATE FUNCTION "record_stock_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "StockMovement" ("variantId", "delta", "reason", "orderId", "actorId", "note")
  SELECT n."id", n."stockOnHand" - o."stockOnHand",
         COALESCE("stock_ledger_setting"('reason'), 'CORRECTION')::"StockReason",
         "stock_ledger_setting"('order'), "stock_ledger_setting"('actor'), "stock_ledger_setting"('note')
  FROM changed_new n JOIN changed_old o ON o."id" = n."id"
  WHERE n."stockOnHand" <> o."stockOnHand"
  ORDER BY n."id";
  RETURN NULL;
END
$$;

CREATE TRIGGER "ProductVariant_stock_change"
AFTER UPDATE ON "ProductVariant" REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
FOR EACH STATEMENT EXECUTE FUNCTION "record_stock_change"();

-- The variants that exist already open the ledger with the stock they hold.
INSERT INTO "StockMovement" ("variantId", "delta", "reason")
SELECT "id", "stockOnHand", 'OPENING' FROM "ProductVariant" WHERE "stockOnHand" <> 0 ORDER BY "id";

-- Append-only: rows come only from the triggers above (or the cascade when a variant is deleted).
CREATE FUNCTION "stock_ledger_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() > 1 THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  RAISE EXCEPTION 'the stock ledger is append-only and written by changing "ProductVariant"."stockOnHand"'
    USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER "StockMovement_append_only"
BEFORE INSERT OR UPDATE OR DELETE ON "StockMovement"
FOR EACH ROW EXECUTE FUNCTION "stock_ledger_append_only"();
