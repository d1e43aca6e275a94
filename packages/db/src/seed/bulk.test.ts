import { describe, expect, it } from "vitest";

import { createTestDatabase } from "../testing/index.ts";
import { bulkProduct, buildBulkProducts, seedBulkProducts } from "./bulk.ts";
import { buildCatalog } from "./catalog-data.ts";
import { seedCatalog } from "./catalog.ts";

const { db } = await createTestDatabase();
const { db: empty } = await createTestDatabase();

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CATEGORIES = [
  { id: "cat_a", slug: "apparel" },
  { id: "cat_b", slug: "books" },
  { id: "cat_c", slug: "not-a-seed-category" },
];

describe("bulk products (generated)", () => {
  it("are the same on every run, and product n does not depend on how many are made", () => {
    const many = buildBulkProducts(300, CATEGORIES);
    expect(buildBulkProducts(300, CATEGORIES)).toEqual(many);
    expect(buildBulkProducts(20, CATEGORIES)).toEqual(many.slice(0, 20));
    expect(buildBulkProducts(10, CATEGORIES, 100)).toEqual(many.slice(100, 110));
    expect(bulkProduct(0, CATEGORIES).name).toBe(many[0]?.name);
  });

  it("have names of four words, valid unique slugs, and 1 to 3 priced variants", () => {
    const products = buildBulkProducts(2_000, CATEGORIES);
    expect(new Set(products.map((p) => p.slug)).size).toBe(products.length);
    expect(new Set(products.flatMap((p) => p.variants.map((v) => v.sku))).size).toBe(
      products.flatMap((p) => p.variants).length,
    );
    // Names repeat now and then (as in a real shop), but most are different.
    expect(new Set(products.map((p) => p.name)).size).toBeGreaterThan(products.length * 0.9);
    for (const p of products) {
      expect(p.slug).toMatch(SLUG);
      expect(p.name.split(" ").length, p.name).toBeGreaterThanOrEqual(4);
      expect(p.variants.length).toBeGreaterThanOrEqual(1);
      expect(p.variants.length).toBeLessThanOrEqual(3);
      for (const v of p.variants) {
        expect(v.priceAmount).toBeGreaterThan(0);
        if (v.compareAtAmount !== null) expect(v.compareAtAmount).toBeGreaterThan(v.priceAmount);
        expect(v.stockOnHand).toBeGreaterThanOrEqual(0);
      }
    }
    // Every category gets its share.
    for (const category of CATEGORIES)
      expect(products.filter((p) => p.categoryId === category.id).length).toBeGreaterThan(600);
  });

  it("cannot collide with a seed product's slug (those never end in a number)", () => {
    for (const product of buildCatalog().products) expect(product.slug).not.toMatch(/-\d+$/);
  });
});

describe("seedBulkProducts", () => {
  it("adds N products to the seeded catalog in batches, with listing columns set by the triggers", async () => {
    await seedCatalog(db);
    const before = await db.product.count();
    const counts = await seedBulkProducts(db, { count: 230, batchSize: 100 });

    expect(counts.products).toBe(230);
    expect(await db.product.count()).toBe(before + 230);
    expect(await db.productVariant.count({ where: { id: { startsWith: "bulkvar_" } } })).toBe(
      counts.variants,
    );
    expect(counts.images).toBe(230);

    const bulk = await db.product.findMany({
      where: { id: { startsWith: "bulk_" } },
      select: { slug: true, categoryId: true, priceFrom: true, inStock: true, variants: true },
    });
    expect(new Set(bulk.map((p) => p.slug)).size).toBe(230);
    // Only categories without subcategories hold them: the ten of the seed, not its departments.
    expect(new Set(bulk.map((p) => p.categoryId))).toEqual(
      new Set(buildCatalog().categories.map((c) => c.id)),
    );
    for (const p of bulk) {
      expect(p.priceFrom).toBe(Math.min(...p.variants.map((v) => v.priceAmount)));
      expect(p.inStock).toBe(p.variants.some((v) => v.stockOnHand > 0));
    }
    const [searchable] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS "n" FROM "Product" WHERE left("id", 5) = 'bulk_' AND "searchVector" IS NOT NULL`;
    expect(searchable?.n).toBe(230);
  });

  it("refuses to run before the catalog is seeded", async () => {
    await expect(seedBulkProducts(empty, { count: 1 })).rejects.toThrow(/seed the catalog first/);
  });
});
