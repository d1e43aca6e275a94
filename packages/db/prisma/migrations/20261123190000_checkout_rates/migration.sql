-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "shipCity" TEXT,
ADD COLUMN     "shipCountry" CHAR(2),
ADD COLUMN     "shipLine1" TEXT,
ADD COLUMN     "shipLine2" TEXT,
ADD COLUMN     "shipName" TEXT,
ADD COLUMN     "shipPostalCode" TEXT,
ADD COLUMN     "shipRegion" TEXT,
ADD COLUMN     "shippingMethod" TEXT;

-- CreateTable
CREATE TABLE "ShippingRate" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "countries" TEXT[],
    "minDays" INTEGER NOT NULL,
    "maxDays" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ShippingRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaxRate" (
    "id" TEXT NOT NULL,
    "country" CHAR(2) NOT NULL,
    "region" TEXT NOT NULL DEFAULT '',
    "rateBasisPoints" INTEGER NOT NULL,
    "appliesToShipping" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "TaxRate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ShippingRate_code_key" ON "ShippingRate"("code");

-- CreateIndex
CREATE UNIQUE INDEX "TaxRate_country_region_key" ON "TaxRate"("country", "region");

ALTER TABLE "ShippingRate"
  ADD CONSTRAINT "ShippingRate_amount_nonnegative" CHECK ("amount" >= 0),
  ADD CONSTRAINT "ShippingRate_days" CHECK ("minDays" >= 0 AND "maxDays" >= "minDays"),
  ADD CONSTRAINT "ShippingRate_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');
ALTER TABLE "TaxRate"
  ADD CONSTRAINT "TaxRate_rate_range" CHECK ("rateBasisPoints" BETWEEN 0 AND 10000),
  ADD CONSTRAINT "TaxRate_country_iso" CHECK ("country" ~ '^[A-Z]{2}$');
