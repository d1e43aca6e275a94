-- The dashboard's revenue by paid day, answered from the index alone.
DROP INDEX "Order_paidAt_idx";
CREATE INDEX "Order_paidAt_currency_totalAmount_refundedAmount_idx" ON "Order"("paidAt", "currency", "totalAmount", "refundedAmount");

-- The dashboard's held payments: the few events whose processing did not simply apply.
CREATE INDEX "PaymentEvent_outcome_idx" ON "PaymentEvent"("outcome");

-- The dashboard's low stock, fewest first, read in index order and stopped early.
DROP INDEX "ProductVariant_stockOnHand_idx";
CREATE INDEX "ProductVariant_stockOnHand_id_idx" ON "ProductVariant"("stockOnHand", "id");
