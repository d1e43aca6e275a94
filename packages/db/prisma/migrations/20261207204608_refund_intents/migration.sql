-- Refund intents (decision 0028): each refund is written down, committed, before the provider is
-- asked, so a failure after the provider's answer leaves a trace to settle before the next refund.
-- The test provider gets a ledger of its own, as a real provider has, kept outside the shop's
-- transactions.
-- CreateEnum
CREATE TYPE "RefundIntentStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'REFUSED');

-- CreateTable
CREATE TABLE "RefundIntent" (
    "id" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "RefundIntentStatus" NOT NULL DEFAULT 'PENDING',
    "refundId" TEXT,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settledAt" TIMESTAMP(3),

    CONSTRAINT "RefundIntent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TestProviderRefund" (
    "providerRef" TEXT NOT NULL,
    "paymentRef" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TestProviderRefund_pkey" PRIMARY KEY ("providerRef")
);

-- CreateIndex
CREATE UNIQUE INDEX "RefundIntent_refundId_key" ON "RefundIntent"("refundId");

-- CreateIndex
CREATE INDEX "RefundIntent_paymentId_status_idx" ON "RefundIntent"("paymentId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "TestProviderRefund_idempotencyKey_key" ON "TestProviderRefund"("idempotencyKey");

-- CreateIndex
CREATE INDEX "TestProviderRefund_paymentRef_idx" ON "TestProviderRefund"("paymentRef");

-- AddForeignKey
ALTER TABLE "RefundIntent" ADD CONSTRAINT "RefundIntent_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RefundIntent" ADD CONSTRAINT "RefundIntent_refundId_fkey" FOREIGN KEY ("refundId") REFERENCES "Refund"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- What the test provider has already paid out: the refunds the shop recorded for its payments.
-- Their idempotency keys were never stored, so each gets one that no new request can send.
INSERT INTO "TestProviderRefund" ("providerRef", "paymentRef", "idempotencyKey", "amount", "createdAt")
SELECT r."providerRef", p."providerRef", 'recorded:' || r."id", r."amount", r."createdAt"
FROM "Refund" r JOIN "Payment" p ON p."id" = r."paymentId"
WHERE p."provider" = 'test'
ON CONFLICT DO NOTHING;
