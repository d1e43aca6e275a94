import { describe, expect, it } from "vitest";

import { SEARCH_SIMILARITY_THRESHOLD } from "../client.ts";
import { createTestDatabase } from "../testing/index.ts";
import { buildCatalog } from "./catalog-data.ts";
import { isCatalogEmpty, seedCatalog } from "./catalog.ts";

const { db } = await createTestDatabase();

describe("seedCatalog", () => {
  it("writes the whole catalog into an empty database", async () => {
    expect(await isCatalogEmpty(db)).toBe(true);
    const expected = buildCatalog();
    const counts = await seedCatalog(db);
    expect(counts).toEqual({
      categories: 13,
      products: 300,
      variants: expected.products.flatMap((p) => p.variants).length,
    });
    expect(await isCatalogEmpty(db)).toBe(false);
    expect(await db.productVariant.count()).toBe(counts.variants);
    expect(await db.productImage.count()).toBe(expected.products.flatMap((p) => p.images).length);

    const first = expected.products[0];
    const stored = await db.product.findUniqueOrThrow({
      where: { slug: first?.slug },
      include: { variants: { orderBy: { position: "asc" } } },
    });
    expect(stored.name).toBe(first?.name);
    expect(stored.variants.map((v) => v.options)).toEqual(first?.variants.map((v) => v.options));
  });

  it("keeps each product's listing price and stock flag in step with its variants (trigger)", async () => {
    const product = await db.product.findFirstOrThrow({
      where: { variants: { some: {} } },
      include: { variants: true },
    });
    expect(product.priceFrom).toBe(Math.min(...product.variants.map((v) => v.priceAmount)));
    expect(product.inStock).toBe(product.variants.some((v) => v.stockOnHand > 0));

    const cheapest = product.variants.reduce((a, b) => (a.priceAmount <= b.priceAmount ? a : b));
    await db.productVariant.update({
      where: { id: cheapest.id },
      data: { priceAmount: 1, compareAtAmount: null },
    });
    await db.productVariant.updateMany({ where: { productId: product.id }, data: { stockOnHand: 0 } });
    expect(await db.product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({
      priceFrom: 1,
      inStock: false,
    });
    await db.productVariant.deleteMany({ where: { productId: product.id } });
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).priceFrom).toBe(0);
  });

  it("refuses a compare-at price that is not above the price", async () => {
    const variant = await db.productVariant.findFirstOrThrow({ where: { priceAmount: { gt: 100 } } });
    await expect(
      db.productVariant.update({ where: { id: variant.id }, data: { compareAtAmount: variant.priceAmount } }),
    ).rejects.toThrow(/ProductVariant_compare_at_check/);
  });

  it("changes nothing when it fails part-way (a second run collides on the same ids)", async () => {
    const before = await db.product.count();
    await expect(seedCatalog(db)).rejects.toThrow();
    expect(await db.product.count()).toBe(before);
    expect(await db.category.count()).toBe(13);
  });
});

describe("connections", () => {
  it("carry the search's typo threshold, which the trigram operators read from the session", async () => {
    const [row] = await db.$queryRaw<
      { threshold: string }[]
    >`SELECT current_setting('pg_trgm.word_similarity_threshold') AS "threshold"`;
    expect(Number(row?.threshold)).toBe(SEARCH_SIMILARITY_THRESHOLD);
  });
});
