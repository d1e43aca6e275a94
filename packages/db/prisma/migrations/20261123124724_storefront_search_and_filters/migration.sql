-- Storefront: nested categories, compare-at prices, and what listings filter, sort and search on.
-- Hand-written parts: the extension, the CHECKs, the triggers and the backfill.

-- Trigram matching (typo-tolerant search and suggestions).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "Category" ADD COLUMN     "parentId" TEXT;

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "inStock" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "priceFrom" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "searchVector" tsvector;

-- AlterTable
ALTER TABLE "ProductVariant" ADD COLUMN     "compareAtAmount" INTEGER;

-- A "was" price is only shown when it is above the price.
ALTER TABLE "ProductVariant" ADD CONSTRAINT "ProductVariant_compare_at_check" CHECK ("compareAtAmount" IS NULL OR "compareAtAmount" > "priceAmount");

-- A category cannot be its own parent (the service refuses deeper cycles).
ALTER TABLE "Category" ADD CONSTRAINT "Category_not_own_parent_check" CHECK ("parentId" IS NULL OR "parentId" <> "id");

-- CreateIndex
CREATE INDEX "Category_parentId_position_idx" ON "Category"("parentId", "position");

-- CreateIndex
CREATE INDEX "Product_priceFrom_id_idx" ON "Product"("priceFrom", "id");

-- CreateIndex
CREATE INDEX "Product_searchVector_idx" ON "Product" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "Product_name_trgm_idx" ON "Product" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "ProductVariant_options_idx" ON "ProductVariant" USING GIN ("options" jsonb_path_ops);

-- AddForeignKey
ALTER TABLE "Category" ADD CONSTRAINT "Category_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Product."searchVector": the name's words weigh more (A) than the description's (B).
CREATE FUNCTION "product_search_vector"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchVector" :=
    setweight(to_tsvector('english', coalesce(NEW."name", '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW."description", '')), 'B');
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Product_search_vector"
BEFORE INSERT OR UPDATE OF "name", "description" ON "Product"
FOR EACH ROW EXECUTE FUNCTION "product_search_vector"();

-- Product."priceFrom" (cheapest variant) and Product."inStock" (any variant in stock) follow the
-- variants, whoever writes them.
CREATE FUNCTION "refresh_product_listing"(product_id TEXT) RETURNS void LANGUAGE sql AS $$
  UPDATE "Product" p
  SET "priceFrom" = coalesce((SELECT min(v."priceAmount") FROM "ProductVariant" v WHERE v."productId" = product_id), 0),
      "inStock" = EXISTS (SELECT 1 FROM "ProductVariant" v WHERE v."productId" = product_id AND v."stockOnHand" > 0)
  WHERE p."id" = product_id;
$$;

CREATE FUNCTION "product_variant_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM "refresh_product_listing"(OLD."productId");
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW."productId" <> OLD."productId") THEN
    PERFORM "refresh_product_listing"(NEW."productId");
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "ProductVariant_listing_refresh"
AFTER INSERT OR DELETE OR UPDATE OF "priceAmount", "stockOnHand", "productId" ON "ProductVariant"
FOR EACH ROW EXECUTE FUNCTION "product_variant_changed"();

-- Existing rows.
UPDATE "Product" SET "name" = "name";
UPDATE "Product" p
SET "priceFrom" = coalesce((SELECT min(v."priceAmount") FROM "ProductVariant" v WHERE v."productId" = p."id"), 0),
    "inStock" = EXISTS (SELECT 1 FROM "ProductVariant" v WHERE v."productId" = p."id" AND v."stockOnHand" > 0);
