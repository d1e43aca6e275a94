// Writes the seed catalog (./catalog-data.ts) into a database, all or nothing.
import type { Db, DbOrTx } from "../client.ts";
import { buildCatalog } from "./catalog-data.ts";

export {
  buildCatalog,
  type SeedCatalog,
  type SeedCategory,
  type SeedImage,
  type SeedProduct,
  type SeedVariant,
} from "./catalog-data.ts";

export interface SeedCounts {
  categories: number;
  products: number;
  variants: number;
}

/**
 * Insert the whole seed catalog in one transaction, so a failure (say, a second run colliding on
 * the fixed ids) leaves the database as it was. Takes the client itself: it opens the transaction.
 */
export async function seedCatalog(db: Db): Promise<SeedCounts> {
  const { departments, categories, products } = buildCatalog();
  return db.$transaction(
    async (tx) => {
      // Departments first: categories point at them.
      const insertedDepartments = await tx.category.createMany({ data: departments });
      const insertedCategories = await tx.category.createMany({ data: categories });
      const insertedProducts = await tx.product.createMany({
        data: products.map(({ variants: _variants, images: _images, ...product }) => product),
      });
      const insertedVariants = await tx.productVariant.createMany({
        data: products.flatMap((product) =>
          product.variants.map((variant) => ({ ...variant, productId: product.id })),
        ),
      });
      await tx.productImage.createMany({
        data: products.flatMap((product) =>
          product.images.map((image) => ({ ...image, productId: product.id })),
        ),
      });
      return {
        categories: insertedDepartments.count + insertedCategories.count,
        products: insertedProducts.count,
        variants: insertedVariants.count,
      };
    },
    // The default 5 s is tight for ~1,000 rows on a cold embedded server in CI.
    { timeout: 60_000 },
  );
}

/** True when there is no catalog yet (no categories and no products): the signal to seed. */
export async function isCatalogEmpty(db: DbOrTx): Promise<boolean> {
  const [categories, products] = await Promise.all([db.category.count(), db.product.count()]);
  return categories === 0 && products === 0;
}
