// The catalog is answered from Next's cache, and a staff change reaches shoppers at once.
import { readFileSync } from "node:fs";

import type { APIRequestContext } from "@playwright/test";

import { expect, test } from "./support/test";
import pg from "pg";

import { databaseUrlFile } from "../playwright.config";

const STAFF = { email: "staff@bazaar.test", password: "bazaar-staff-2026" };
// An address of this test's own, so other tests' sign-ins do not count against its rate limit.
const HEADERS = { "x-forwarded-for": "198.19.250.7" };

interface ProductBody {
  variants: { id: string; price: { amount: number; currency: string } }[];
  name: string;
}

async function query<T>(request: APIRequestContext, procedure: string, input: unknown): Promise<T> {
  const encoded = encodeURIComponent(JSON.stringify({ json: input }));
  const response = await request.get(`/api/trpc/${procedure}?input=${encoded}`, { headers: HEADERS });
  expect(response.status(), procedure).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function mutate(request: APIRequestContext, procedure: string, input: unknown, token?: string) {
  const response = await request.post(`/api/trpc/${procedure}`, {
    headers: { ...HEADERS, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    data: { json: input },
  });
  expect(response.status(), procedure).toBe(200);
  return ((await response.json()) as { result: { data: { json: unknown } } }).result.data.json;
}

const money = (amount: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency }).format(amount / 100);

test.describe("the HTTP surface: the catalog cache", () => {
  test("serves product pages and listings from the cache until staff change the product", async ({
    page,
    request,
  }) => {
    const db = new pg.Client({ connectionString: readFileSync(databaseUrlFile, "utf8") });
    await db.connect();
    try {
      // A product no other test looks at (the middle of the catalog by slug), one variant, not on sale.
      const { rows } = await db.query<{ slug: string }>(
        `SELECT p."slug" FROM "Product" p
         WHERE (SELECT count(*) FROM "ProductVariant" v WHERE v."productId" = p."id") = 1
           AND NOT EXISTS (SELECT 1 FROM "ProductVariant" v WHERE v."productId" = p."id" AND v."compareAtAmount" IS NOT NULL)
         ORDER BY p."slug" OFFSET 100 LIMIT 1`,
      );
      const slug = rows[0]?.slug ?? "";
      // The page first: Next gives each route its own copy of the API's modules, and the change
      // made through /api/trpc below must still reach what a page cached.
      await page.goto(`/products/${slug}`);
      const product = await query<ProductBody>(request, "catalog.productBySlug", { slug });
      const variant = product.variants[0];
      if (!variant) throw new Error(`${slug} has no variant`);
      const { id, price } = variant;
      const listing = { q: product.name, limit: 5 };
      const listedPrice = async () =>
        (
          await query<{ items: { slug: string; priceFrom: { amount: number } }[] }>(
            request,
            "catalog.products",
            listing,
          )
        ).items.find((item) => item.slug === slug)?.priceFrom.amount;
      expect(await listedPrice()).toBe(price.amount);

      // Behind the app's back: the cached answers stay as they were, which proves the cache is used.
      // Only this product's own answers: listings are invalidated by any product's change, and the
      // admin journeys running beside this test publish products at any moment.
      await db.query(`UPDATE "ProductVariant" SET "priceAmount" = $1 WHERE "id" = $2`, [
        price.amount + 111,
        id,
      ]);
      expect(
        (await query<ProductBody>(request, "catalog.productBySlug", { slug })).variants[0]?.price.amount,
      ).toBe(price.amount);
      await page.goto(`/products/${slug}`);
      await expect(page.getByText(money(price.amount, price.currency)).first()).toBeVisible();

      // Through the admin console's procedure: seen at once.
      const { token } = (await mutate(request, "account.signIn", STAFF)) as { token: string };
      const changed = price.amount + 222;
      await mutate(request, "admin.products.updateVariant", { variantId: id, priceAmount: changed }, token);
      expect(
        (await query<ProductBody>(request, "catalog.productBySlug", { slug })).variants[0]?.price.amount,
      ).toBe(changed);
      expect(await listedPrice()).toBe(changed);
      await page.reload();
      await expect(page.getByText(money(changed, price.currency)).first()).toBeVisible();

      await mutate(
        request,
        "admin.products.updateVariant",
        { variantId: id, priceAmount: price.amount },
        token,
      );
    } finally {
      await db.end();
    }
  });
});
