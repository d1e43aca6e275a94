import { createTestDatabase } from "@bazaar/db/testing";
import { productCursorSchema } from "@bazaar/validators";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";

import { at, insertCatalog } from "../../test/catalog-fixtures.ts";
import {
  getCategoryBySlug,
  getProductBySlug,
  listCategories,
  listFeaturedProducts,
  listProducts,
  type ProductPage,
} from "./service.ts";

const { db } = await createTestDatabase();

beforeAll(async () => {
  await insertCatalog(db, [
    { id: "p_01", categoryId: "cat_a", createdAt: at(1), variants: [[2500, 3]] },
    {
      id: "p_02",
      categoryId: "cat_a",
      createdAt: at(2),
      variants: [
        [1999, 0],
        [1499, 4],
        [2999, 1],
      ],
      featured: true,
    },
    // Three products created in the same instant: the id breaks the tie.
    { id: "p_03", categoryId: "cat_b", createdAt: at(3), variants: [[900, 0]] },
    { id: "p_04", categoryId: "cat_a", createdAt: at(3), variants: [[1200, 2]], featured: true },
    { id: "p_05", categoryId: "cat_b", createdAt: at(3), variants: [[1800, 9]] },
    { id: "p_06", categoryId: "cat_a", createdAt: at(4), variants: [[0, 5]] },
    {
      id: "p_07",
      categoryId: "cat_b",
      createdAt: at(5),
      variants: [
        [4200, 0],
        [4300, 0],
      ],
    },
  ]);
});

const decode = (cursor: string) => productCursorSchema.parse(cursor);

async function walk(input: { categorySlug?: string; limit: number }) {
  const pages: ProductPage[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page: ProductPage = await listProducts(db, { ...input, cursor: cursor ? decode(cursor) : null });
    pages.push(page);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return pages;
}

describe("listProducts", () => {
  it("walks every product once, newest first, ties broken by id", async () => {
    const pages = await walk({ limit: 2 });
    expect(pages.map((p) => p.items.map((i) => i.id))).toEqual([
      ["p_07", "p_06"],
      ["p_05", "p_04"],
      ["p_03", "p_02"],
      ["p_01"],
    ]);
    expect(pages.at(-1)?.nextCursor).toBeNull();
  });

  it("ends with a null cursor when the last page is exactly full", async () => {
    const pages = await walk({ limit: 7 });
    expect(pages).toHaveLength(1);
    expect(pages[0]?.items).toHaveLength(7);
    expect(pages[0]?.nextCursor).toBeNull();
  });

  it("keeps its place when a newer product is added between pages", async () => {
    const first = await listProducts(db, { limit: 3 });
    await db.product.create({
      data: {
        id: "p_new",
        slug: "p-new",
        name: "New",
        description: "New.",
        categoryId: "cat_c",
        createdAt: at(99),
      },
    });
    try {
      const second = await listProducts(db, { limit: 3, cursor: decode(first.nextCursor ?? "") });
      expect(second.items.map((i) => i.id)).toEqual(["p_04", "p_03", "p_02"]);
    } finally {
      await db.product.delete({ where: { id: "p_new" } });
    }
  });

  it("filters by category", async () => {
    const pages = await walk({ categorySlug: "books", limit: 2 });
    expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual(["p_07", "p_05", "p_03"]);
    expect(pages.flatMap((p) => p.items.map((i) => i.category.slug))).toEqual(["books", "books", "books"]);
  });

  it("returns an empty page for a category with no products", async () => {
    expect(await listProducts(db, { categorySlug: "candles", limit: 5 })).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
      didYouMean: null,
    });
  });

  it("refuses a category that does not exist", async () => {
    await expect(listProducts(db, { categorySlug: "no-such", limit: 5 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("shows the cheapest variant's price and whether anything is in stock", async () => {
    const { items } = await listProducts(db, { limit: 7 });
    const byId = Object.fromEntries(items.map((i) => [i.id, i]));
    expect(byId.p_02?.priceFrom).toEqual({ amount: 1499, currency: "USD" });
    expect(byId.p_02?.inStock).toBe(true);
    expect(byId.p_07?.inStock).toBe(false);
    expect(byId.p_06?.priceFrom).toEqual({ amount: 0, currency: "USD" });
    expect(byId.p_01?.image).toEqual({
      url: "/media/placeholders/p-01-1.png",
      alt: "Picture of p_01",
      width: 800,
      height: 800,
    });
  });
});

describe("listFeaturedProducts", () => {
  it("lists only featured products, newest first, up to the limit", async () => {
    expect((await listFeaturedProducts(db, { limit: 8 })).map((p) => p.id)).toEqual(["p_04", "p_02"]);
    expect((await listFeaturedProducts(db, { limit: 1 })).map((p) => p.id)).toEqual(["p_04"]);
  });
});

describe("categories", () => {
  it("lists every category in shop order with its product count", async () => {
    expect((await listCategories(db)).map((c) => [c.slug, c.productCount])).toEqual([
      ["apparel", 4],
      ["books", 3],
      ["candles", 0],
    ]);
  });

  it("finds a category by slug, and refuses an unknown one", async () => {
    expect(await getCategoryBySlug(db, "books")).toMatchObject({ id: "cat_b", name: "Books" });
    await expect(getCategoryBySlug(db, "nope")).rejects.toBeInstanceOf(TRPCError);
  });
});

describe("getProductBySlug", () => {
  it("returns the product with its variants in order, prices as money and stock as yes/no", async () => {
    const product = await getProductBySlug(db, "p-02");
    expect(product.category).toEqual({ slug: "apparel", name: "Apparel" });
    expect(product.variants).toEqual([
      {
        id: "p_02_v0",
        sku: "P_02-0",
        name: "Variant 0",
        options: { size: "S" },
        price: { amount: 1999, currency: "USD" },
        compareAt: null,
        inStock: false,
        stockLeft: null,
      },
      {
        id: "p_02_v1",
        sku: "P_02-1",
        name: "Variant 1",
        options: { size: "M" },
        price: { amount: 1499, currency: "USD" },
        compareAt: null,
        inStock: true,
        stockLeft: 4,
      },
      {
        id: "p_02_v2",
        sku: "P_02-2",
        name: "Variant 2",
        options: { size: "L" },
        price: { amount: 2999, currency: "USD" },
        compareAt: null,
        inStock: true,
        stockLeft: 1,
      },
    ]);
    // The warehouse count is not for shoppers.
    expect(JSON.stringify(product)).not.toContain("stockOnHand");
  });

  it("refuses a product that does not exist", async () => {
    await expect(getProductBySlug(db, "p-99")).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "That product was not found.",
    });
  });
});
