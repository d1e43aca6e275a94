import { describe, expect, it } from "vitest";

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
      categories: 10,
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

  it("changes nothing when it fails part-way (a second run collides on the same ids)", async () => {
    const before = await db.product.count();
    await expect(seedCatalog(db)).rejects.toThrow();
    expect(await db.product.count()).toBe(before);
    expect(await db.category.count()).toBe(10);
  });
});
