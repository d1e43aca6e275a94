// Filters, sorts, search, facets, suggestions and invalidation, on a small catalog with real words.
import { createTestDatabase } from "@bazaar/db/testing";
import { productCursorSchema, productListInput } from "@bazaar/validators";
import { afterEach, beforeAll, describe, expect, it } from "vitest";

import { signInPersonas } from "../../test/accounts.ts";
import { callHttp } from "../../test/http.ts";
import { updateVariant } from "../admin/products/service.ts";
import { adjustStock } from "../admin/stock/service.ts";
import type { ReadCache } from "../read-cache.ts";
import { onCatalogChange } from "./cache-tags.ts";
import {
  getProductFacets,
  listCategories,
  listProducts,
  listRelatedProducts,
  suggest,
  type ListProductsInput,
  type ProductPage,
} from "./service.ts";

const { db } = await createTestDatabase();

interface Item {
  id: string;
  name: string;
  description: string;
  categoryId: string;
  hour: number;
  /** [price, stock, size, colour, compareAt?] */
  variants: [number, number, string, string, number?][];
}

const ITEMS: Item[] = [
  {
    id: "wool",
    name: "Merino Wool Sweater",
    description: "A warm knit for cold days.",
    categoryId: "c_tops",
    hour: 1,
    variants: [
      [6000, 3, "M", "Navy"],
      [6000, 0, "L", "Navy"],
      [6500, 2, "L", "Grey"],
    ],
  },
  {
    id: "tee",
    name: "Cotton Tee",
    description: "Soft cotton, pairs with a sweater.",
    categoryId: "c_tops",
    hour: 2,
    variants: [
      [1500, 10, "S", "White", 2000],
      [1500, 0, "M", "Navy"],
    ],
  },
  {
    id: "boot",
    name: "Leather Hiking Boot",
    description: "Waterproof leather for the trail.",
    categoryId: "c_shoes",
    hour: 3,
    variants: [[12000, 1, "EU 42", "Brown"]],
  },
  {
    id: "sneaker",
    name: "Canvas Sneaker",
    description: "Light canvas shoe.",
    categoryId: "c_shoes",
    hour: 4,
    variants: [[4500, 0, "EU 40", "White"]],
  },
  {
    id: "mug",
    name: "Stoneware Mug",
    description: "Holds a large coffee.",
    categoryId: "c_kitchen",
    hour: 5,
    variants: [[1800, 20, "One size", "Blue"]],
  },
  {
    id: "pan",
    name: "Cast Iron Pan",
    description: "Sears, bakes and lasts.",
    categoryId: "c_kitchen",
    hour: 6,
    variants: [[4500, 4, "One size", "Black"]],
  },
];

beforeAll(async () => {
  await db.category.createMany({
    data: [
      { id: "d_wear", slug: "wear", name: "Wear", description: "Clothes and shoes.", position: 1 },
      { id: "c_kitchen", slug: "kitchen", name: "Kitchen", description: "Cook.", position: 2 },
    ],
  });
  await db.category.createMany({
    data: [
      { id: "c_tops", slug: "tops", name: "Tops", description: "Tops.", position: 1, parentId: "d_wear" },
      { id: "c_shoes", slug: "shoes", name: "Shoes", description: "Shoes.", position: 2, parentId: "d_wear" },
    ],
  });
  for (const item of ITEMS) {
    await db.product.create({
      data: {
        id: item.id,
        slug: item.id,
        name: item.name,
        description: item.description,
        categoryId: item.categoryId,
        createdAt: new Date(Date.UTC(2026, 0, 1, item.hour)),
        variants: {
          create: item.variants.map(
            ([priceAmount, stockOnHand, size, colour, compareAtAmount], position) => ({
              id: `${item.id}_${position}`,
              sku: `${item.id}-${position}`.toUpperCase(),
              name: `${size} ${colour}`,
              options: { size, colour },
              priceAmount,
              compareAtAmount: compareAtAmount ?? null,
              currency: "USD",
              stockOnHand,
              position,
            }),
          ),
        },
      },
    });
  }
});

const ids = (page: ProductPage) => page.items.map((item) => item.id);
const list = (input: Omit<ListProductsInput, "limit"> & { limit?: number }) =>
  listProducts(db, { limit: 24, ...input });

/** Every page of a listing, following cursors (at most 20 pages). */
async function walk(input: Omit<ListProductsInput, "limit" | "cursor">, limit: number) {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page: ProductPage = await listProducts(db, {
      ...input,
      limit,
      cursor: cursor ? productCursorSchema.parse(cursor) : null,
    });
    seen.push(...ids(page));
    cursor = page.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error("more than 20 pages");
}

describe("nested categories", () => {
  it("lists a department's products from every category inside it", async () => {
    const page = await list({ categorySlug: "wear" });
    expect(ids(page).sort()).toEqual(["boot", "sneaker", "tee", "wool"]);
    expect(page.total).toBe(4);
  });

  it("counts products through the tree", async () => {
    const tree = await listCategories(db);
    expect(
      tree.map((c) => [c.slug, c.productCount, c.children.map((k) => [k.slug, k.productCount])]),
    ).toEqual([
      [
        "wear",
        4,
        [
          ["tops", 2],
          ["shoes", 2],
        ],
      ],
      ["kitchen", 2, []],
    ]);
  });
});

describe("filters", () => {
  it("filters by price range on the variants, in cents", async () => {
    expect(ids(await list({ minPrice: 4500, maxPrice: 6000 })).sort()).toEqual(["pan", "sneaker", "wool"]);
  });

  it("keeps only products with something in stock", async () => {
    expect(ids(await list({ inStock: true })).sort()).toEqual(["boot", "mug", "pan", "tee", "wool"]);
  });

  it("matches options on one variant: (M or L) and Navy and in stock", async () => {
    expect(ids(await list({ options: { size: ["M", "L"], colour: ["Navy"] } })).sort()).toEqual([
      "tee",
      "wool",
    ]);
    // The tee's only Navy variant (M) is sold out; the sweater's Navy M is not.
    expect(ids(await list({ options: { size: ["M", "L"], colour: ["Navy"] }, inStock: true }))).toEqual([
      "wool",
    ]);
    expect(ids(await list({ options: { colour: ["Purple"] } }))).toEqual([]);
  });
});

describe("sorting and pages", () => {
  it("walks every product once by price, cheapest first, ties by id", async () => {
    const seen = await walk({ sort: "price-asc" }, 2);
    expect(seen).toEqual(["tee", "mug", "pan", "sneaker", "wool", "boot"]);
  });

  it("walks by price, dearest first", async () => {
    expect(await walk({ sort: "price-desc" }, 4)).toEqual(["boot", "wool", "sneaker", "pan", "mug", "tee"]);
  });

  it("walks newest first by default, and the last page has no cursor", async () => {
    expect(await walk({}, 3)).toEqual(["pan", "mug", "sneaker", "boot", "tee", "wool"]);
    const last = await list({ limit: 6 });
    expect(last.nextCursor).toBeNull();
  });

  it("gives an empty page, not an error, when nothing matches", async () => {
    expect(await list({ minPrice: 99_999_00 })).toMatchObject({ items: [], nextCursor: null, total: 0 });
  });
});

describe("search", () => {
  it("ranks a match in the name above one in the description", async () => {
    const page = await list({ q: "sweater" });
    expect(ids(page)).toEqual(["wool", "tee"]);
  });

  it("tolerates typos", async () => {
    expect(ids(await list({ q: "sweter" }))).toContain("wool");
    expect(ids(await list({ q: "lether boot" }))).toContain("boot");
  });

  it("pages through results by relevance with a cursor", async () => {
    expect(await walk({ q: "sweater" }, 1)).toEqual(["wool", "tee"]);
  });

  it("combines search with filters", async () => {
    expect(ids(await list({ q: "sweater", maxPrice: 2000 }))).toEqual(["tee"]);
  });

  it("suggests a query when nothing is found", async () => {
    expect(await list({ q: "irn pann" })).toMatchObject({ total: 0, didYouMean: "cast iron pan" });
    // The suggestion finds what was meant.
    expect(ids(await list({ q: "cast iron pan" }))).toEqual(["pan"]);
    const nothing = await list({ q: "zzzzqqq" });
    expect(nothing).toMatchObject({ total: 0, didYouMean: null });
  });
});

describe("facets, suggestions, related", () => {
  it("offers each option's values with product counts, and the price range", async () => {
    const facets = await getProductFacets(db, { categorySlug: "tops" });
    expect(facets.options).toEqual([
      {
        name: "colour",
        values: [
          { value: "Grey", count: 1 },
          { value: "Navy", count: 2 },
          { value: "White", count: 1 },
        ],
      },
      {
        name: "size",
        values: [
          { value: "S", count: 1 },
          { value: "M", count: 2 },
          { value: "L", count: 1 },
        ],
      },
    ]);
    expect(facets.price).toEqual({ min: 1500, max: 6500, currency: "USD" });
  });

  it("counts each option under the other filters, not its own", async () => {
    const facets = await getProductFacets(db, {
      categorySlug: "tops",
      inStock: true,
      options: { size: ["M"] },
    });
    const values = (name: string) => facets.options.find((o) => o.name === name)?.values;
    // Sizes ignore the size filter but not "in stock": the tee's M is sold out, its S is not.
    expect(values("size")).toEqual([
      { value: "S", count: 1 },
      { value: "M", count: 1 },
      { value: "L", count: 1 },
    ]);
    // Colours apply size M and in stock: only the sweater's Navy M; the others stay listed, at 0.
    expect(values("colour")).toEqual([
      { value: "Grey", count: 0 },
      { value: "Navy", count: 1 },
      { value: "White", count: 0 },
    ]);
    // The price range ignores the price bounds.
    expect((await getProductFacets(db, { categorySlug: "tops", maxPrice: 100 })).price).toMatchObject({
      min: 1500,
    });
  });

  it("suggests products and categories as you type, typos included", async () => {
    expect((await suggest(db, { q: "swe", limit: 5 })).products.map((p) => p.slug)).toEqual(["wool"]);
    expect((await suggest(db, { q: "kitchn", limit: 5 })).categories).toEqual([
      { slug: "kitchen", name: "Kitchen" },
    ]);
    // LIKE wildcards in what was typed are plain characters.
    expect((await suggest(db, { q: "%", limit: 5 })).products).toEqual([]);
  });

  it("relates products in the same category first, then the department", async () => {
    expect((await listRelatedProducts(db, { slug: "wool", limit: 3 })).map((p) => p.id)).toEqual([
      "tee",
      "boot",
      "sneaker",
    ]);
  });

  it("shows the cheapest variant's was-price on the card", async () => {
    const tee = (await list({ q: "cotton tee" })).items.find((item) => item.id === "tee");
    expect(tee?.compareAtFrom).toEqual({ amount: 2000, currency: "USD" });
  });
});

describe("invalidation", () => {
  const heard: string[][] = [];
  const stop = onCatalogChange((tags) => void heard.push(tags));
  afterEach(() => {
    heard.length = 0;
  });

  it("a price change reaches listings (trigger) and names the stale cache tags", async () => {
    await updateVariant(db, (await staffToken()).id, { variantId: "boot_0", priceAmount: 1000 }, META);
    expect(heard).toEqual([["catalog:listings", "product:boot"]]);
    expect(ids(await list({ sort: "price-asc", limit: 1 }))).toEqual(["boot"]);
  });

  it("a stock change to zero takes the product out of in-stock listings", async () => {
    await setStock("boot_0", 0);
    expect(ids(await list({ inStock: true }))).not.toContain("boot");
    expect(heard).toHaveLength(1);
    stop();
  });

  it("refuses a was-price not above the price, changing nothing and telling no one", async () => {
    const { status, error } = await callHttp(db, "admin.products.updateVariant", {
      mutation: true,
      token: (await staffToken()).token,
      input: { variantId: "mug_0", compareAtAmount: 1800 },
    });
    expect(status).toBe(400);
    expect(error?.data.fieldErrors).toEqual({ compareAtAmount: ["must be above the price"] });
    expect(heard).toEqual([]);
  });
});

describe("cached reads", () => {
  // A tag-aware cache as small as it can be: the web app's real one (Next's cache over a bounded
  // store and a tag clock) is tested in apps/web; this checks what the catalog promises it.
  function tagCache() {
    const entries = new Map<string, { value: unknown; tags: readonly string[] }>();
    const reads: string[] = [];
    const stop = onCatalogChange((tags) => {
      for (const [key, entry] of entries)
        if (entry.tags.some((tag) => tags.includes(tag))) entries.delete(key);
    });
    const readCache: ReadCache = {
      async read<T>(key: string, tags: readonly string[], load: () => Promise<T>): Promise<T> {
        reads.push(key);
        const hit = entries.get(key);
        if (hit) return hit.value as T;
        const value = await load();
        entries.set(key, { value, tags });
        return value;
      },
    };
    return { readCache, reads, stop, size: () => entries.size };
  }

  const priceOf = (data: unknown, id: string) =>
    (data as ProductPage).items.find((item) => item.id === id)?.priceFrom.amount;

  it("serves listings and product pages from the cache until a change to the product names them", async () => {
    const cache = tagCache();
    const read = (procedure: string, input: unknown) =>
      callHttp(db, procedure, { input, readCache: cache.readCache }).then((r) => r.data);
    try {
      const listingInput = { q: "cotton" };
      expect(priceOf(await read("catalog.products", listingInput), "tee")).toBe(1500);
      const page = (await read("catalog.productBySlug", { slug: "tee" })) as {
        variants: { price: { amount: number } }[];
      };
      expect(page.variants[0]?.price.amount).toBe(1500);
      expect(cache.size()).toBe(2);

      // Behind the service's back the cache is all a reader sees: proof that it is used.
      await db.$executeRaw`UPDATE "ProductVariant" SET "priceAmount" = 1400 WHERE "id" = 'tee_0'`;
      expect(priceOf(await read("catalog.products", listingInput), "tee")).toBe(1500);

      // Through the service, the same change reaches both reads at once.
      const { status } = await callHttp(db, "admin.products.updateVariant", {
        mutation: true,
        token: (await staffToken()).token,
        input: { variantId: "tee_0", priceAmount: 1300 },
      });
      expect(status).toBe(200);
      expect(priceOf(await read("catalog.products", listingInput), "tee")).toBe(1300);
      const fresh = (await read("catalog.productBySlug", { slug: "tee" })) as {
        variants: { price: { amount: number } }[];
      };
      expect(fresh.variants[0]?.price.amount).toBe(1300);
    } finally {
      cache.stop();
    }
  });

  it("a change to one product leaves another product's cached page alone", async () => {
    const cache = tagCache();
    try {
      await callHttp(db, "catalog.productBySlug", { input: { slug: "wool" }, readCache: cache.readCache });
      await setStock("tee_0", 9);
      expect(cache.size()).toBe(1);
      await setStock("wool_0", 4);
      expect(cache.size()).toBe(0);
    } finally {
      cache.stop();
    }
  });

  it("keys a read by its whole input: two searches are two entries", async () => {
    const cache = tagCache();
    try {
      for (const q of ["cotton", "leather", "cotton"]) {
        await callHttp(db, "catalog.products", { input: { q }, readCache: cache.readCache });
      }
      expect(cache.size()).toBe(2);
      expect(new Set(cache.reads).size).toBe(2);
    } finally {
      cache.stop();
    }
  });
});

let staff: { id: string; token: string } | undefined;
async function staffToken() {
  staff ??= (await signInPersonas(db)).staff;
  return staff;
}

const META = { ip: null, userAgent: null };

/** Staff set a variant's stock the one way it changes by hand: an adjustment, in the ledger. */
async function setStock(variantId: string, stockOnHand: number) {
  const { stockOnHand: current } = await db.productVariant.findUniqueOrThrow({ where: { id: variantId } });
  const delta = stockOnHand - current;
  await adjustStock(
    db,
    (await staffToken()).id,
    { variantId, delta, reason: delta > 0 ? "RECEIVED" : "CORRECTION" },
    META,
  );
}

describe("bad listing input is a 400 on the field", () => {
  it.each([
    ["a malformed cursor", { cursor: "not-a-cursor" }, "cursor"],
    [
      "a cursor from another sort",
      { sort: "price-asc", cursor: "WyJuZXdlc3QiLCIyMDI2LTAxLTAxVDAwOjAwOjAwLjAwMFoiLCJ4Il0" },
      "cursor",
    ],
    ["a minimum above the maximum", { minPrice: 500, maxPrice: 100 }, "maxPrice"],
    ["relevance without a search", { sort: "relevance" }, "sort"],
    ["a price in dollars", { minPrice: 12.5 }, "minPrice"],
    ["an unknown sort", { sort: "cheapest" }, "sort"],
  ])("%s", async (_, input, field) => {
    expect(productListInput.safeParse(input).success).toBe(false);
    const { status, error } = await callHttp(db, "catalog.products", { input });
    expect(status).toBe(400);
    expect(Object.keys(error?.data.fieldErrors ?? {})).toContain(field);
  });
});
