// Writes the seed catalog (./catalog-data.ts) into a database, all or nothing.
import type { Db } from "../client.ts";
import { buildCatalog } from "./catalog-data.ts";

export { buildCatalog, type SeedCatalog } from "./catalog-data.ts";

export interface SeedCounts {
  categories: number;
  products: number;
  variants: number;
}

/** Insert the whole seed catalog in one transaction; a failure leaves the database untouched. */
export async function seedCatalog(db: Db): Promise<SeedCounts> {
  const { categories, products } = buildCatalog();
  return db.$transaction(async (tx) => {
    await tx.category.createMany({ data: categories });
    await tx.product.createMany({
      data: products.map(({ variants: _v, images: _i, ...product }) => product),
    });
    const variants = await tx.productVariant.createMany({
      data: products.flatMap((p) => p.variants.map((v) => ({ ...v, productId: p.id }))),
    });
    await tx.productImage.createMany({
      data: products.flatMap((p) => p.images.map((image) => ({ ...image, productId: p.id }))),
    });
    return { categories: categories.length, products: products.length, variants: variants.count };
  });
}

/** True when there is no catalog yet: the signal to seed. */
export async function isCatalogEmpty(db: Db): Promise<boolean> {
  const [categories, products] = await Promise.all([db.category.count(), db.product.count()]);
  return categories === 0 && products === 0;
}
