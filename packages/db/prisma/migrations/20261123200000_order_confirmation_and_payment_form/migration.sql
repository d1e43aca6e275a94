-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "confirmationSentAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "submittedAt" TIMESTAMP(3),
ADD COLUMN     "returnUrl" TEXT;
