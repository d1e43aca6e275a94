import type { Page } from "@playwright/test";

import { expect, test } from "./support/test";

/** Every request the page makes to the tRPC endpoint from now on. */
function recordApiCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/api/trpc")) calls.push(request.url());
  });
  return calls;
}

test.describe("a shopper browsing the catalog", () => {
  test("sees featured products and categories on the home page, rendered without a client refetch", async ({
    page,
  }) => {
    const trpcCalls = recordApiCalls(page);
    await page.goto("/");
    await page.waitForLoadState("networkidle");

    const featured = page.getByRole("list", { name: "Featured products" });
    await expect(featured.getByRole("listitem")).toHaveCount(8);
    await expect(page.getByRole("heading", { name: "Shop by category" })).toBeVisible();
    // Three departments and the ten categories (seven of them inside a department).
    const categories = page.getByRole("list", { name: "Categories" });
    await expect(categories.getByRole("link")).toHaveCount(13);
    await expect(
      categories.getByRole("list", { name: "In Clothing & Shoes" }).getByRole("link", { name: "Apparel" }),
    ).toBeVisible();
    // The server's data was hydrated into the client cache: the browser asked the API for nothing.
    expect(trpcCalls).toEqual([]);
  });

  test("opens a category and pages through all of its products", async ({ page }) => {
    await page.goto("/");
    // The first department: its count includes the products of the categories inside it.
    const firstCategory = page.getByRole("list", { name: "Categories" }).getByRole("link").first();
    const categoryName = (await firstCategory.locator("span").first().textContent()) ?? "";
    const total = Number(/(\d+) products?/.exec((await firstCategory.textContent()) ?? "")?.[1]);
    expect(total).toBeGreaterThan(24);
    const trpcCalls = recordApiCalls(page);
    await firstCategory.click();

    await expect(page.getByRole("heading", { level: 1, name: categoryName })).toBeVisible();
    await expect(page.getByText(`${total} products`, { exact: true })).toBeVisible();
    const products = page.getByRole("list", { name: `${categoryName} products` }).getByRole("listitem");
    await expect(products).toHaveCount(24);
    // The first page came with the HTML; only "Load more" asks the API, once per page.
    expect(trpcCalls).toEqual([]);

    const loadMore = page.getByRole("button", { name: "Load more products" });
    const pages = Math.ceil(total / 24);
    for (let shown = 1; shown < pages; shown++) {
      await loadMore.click();
      await expect(products).toHaveCount(Math.min(total, (shown + 1) * 24));
    }
    expect(trpcCalls).toHaveLength(pages - 1);
    await expect(page.getByText(`Showing ${total} of ${total} products`)).toBeVisible();
    await expect(loadMore).toHaveCount(0);

    // No product appears twice across pages.
    const names = await products.getByRole("heading").allTextContents();
    expect(new Set(names).size).toBe(names.length);
  });

  test("opens a product, sees its price and picks a variant", async ({ page }) => {
    await page.goto("/products");
    const products = page.getByRole("list", { name: "All products" }).getByRole("listitem");
    await expect(products).toHaveCount(24);
    const link = products.first().getByRole("link");
    const name = (await link.textContent()) ?? "";
    await link.click();

    await expect(page).toHaveURL(/\/products\/[a-z0-9-]+$/);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page).toHaveTitle(`${name} · Bazaar`);
    await expect(page.getByLabel("Price")).toHaveText(/^\$\d[\d,]*\.\d{2}$/);
    const cover = page.getByRole("img").first();
    await expect(cover).toHaveAttribute("alt", /\S/);
    // Through next/image from media storage, and actually loaded (a broken image has no width).
    await expect(cover).toHaveAttribute("src", /^\/_next\/image\?url=%2Fmedia%2F/);
    await expect
      .poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);

    // Variants are chosen one option at a time (size, colour …): pick another value of the first
    // option that has a choice, and the SKU shown is the new variant's.
    const groups = page.getByRole("group");
    for (let g = 0; g < (await groups.count()); g++) {
      const options = groups.nth(g).getByRole("radio");
      const count = await options.count();
      if (count < 2) continue;
      const sku = await page.getByText(/^SKU /).textContent();
      const other = (await options.nth(count - 1).isChecked()) ? 0 : count - 1;
      await groups.nth(g).locator("label").nth(other).click();
      await expect(options.nth(other)).toBeChecked();
      await expect(page.getByText(/^SKU /)).not.toHaveText(sku ?? "");
      break;
    }
  });

  test("sees that a sold-out product cannot be bought", async ({ page, request }) => {
    // Find a sold-out product through the public API, the way any client would.
    let slug: string | undefined;
    let cursor: string | null = null;
    for (let i = 0; i < 10 && !slug; i++) {
      const input = encodeURIComponent(JSON.stringify({ json: { limit: 60, cursor } }));
      const response = await request.get(`/api/trpc/catalog.products?input=${input}`);
      expect(response.status()).toBe(200);
      const body = (await response.json()) as {
        result: {
          data: { json: { items: { slug: string; inStock: boolean }[]; nextCursor: string | null } };
        };
      };
      slug = body.result.data.json.items.find((item) => !item.inStock)?.slug;
      cursor = body.result.data.json.nextCursor;
      if (!cursor) break;
    }
    expect(slug).toBeDefined();

    await page.goto(`/products/${slug}`);
    await expect(page.getByText("Out of stock", { exact: true })).toBeVisible();
  });

  test("gets a real 404 page for a product or category that does not exist", async ({ page }) => {
    for (const path of [
      "/products/no-such-product",
      "/categories/no-such-category",
      "/products/Not_A_Slug",
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    }
  });
});

test.describe("the HTTP surface", () => {
  test("health answers ok while the database is up", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok" });
  });

  test("a malformed cursor is a 400 naming the field, with a request id", async ({ request }) => {
    const input = encodeURIComponent(JSON.stringify({ json: { cursor: "not-a-cursor" } }));
    const response = await request.get(`/api/trpc/catalog.products?input=${input}`);
    expect(response.status()).toBe(400);
    const body = (await response.json()) as {
      error: {
        json: { message: string; data: { fieldErrors: Record<string, string[]>; requestId: string } };
      };
    };
    expect(body.error.json.data.fieldErrors).toEqual({ cursor: ["is not a valid cursor"] });
    expect(response.headers()["x-request-id"]).toBe(body.error.json.data.requestId);
  });

  test("pictures come from media storage, resized and re-encoded by next/image", async ({ request }) => {
    const original = await request.get("/media/placeholders/linen-shirt-1.png");
    expect(original.status()).toBe(200);
    expect(original.headers()["content-type"]).toBe("image/png");
    expect(original.headers()["x-content-type-options"]).toBe("nosniff");
    const png = await original.body();
    expect(png.subarray(1, 4).toString()).toBe("PNG");

    // What a page's <img srcset> asks for: a smaller WebP of the same picture.
    const resized = await request.get(
      `/_next/image?url=${encodeURIComponent("/media/placeholders/linen-shirt-1.png")}&w=256&q=75`,
      { headers: { accept: "image/webp,image/*" } },
    );
    expect(resized.status()).toBe(200);
    expect(resized.headers()["content-type"]).toBe("image/webp");
    expect((await resized.body()).byteLength).toBeLessThan(png.byteLength);

    for (const path of [
      "/media/placeholders/linen-shirt-0.png",
      "/media/uploads/never-stored.png",
      "/media/placeholders/linen-shirt-1.svg",
      "/media/..%2F..%2Fpackage.json",
      "/media/placeholders/%2E%2E/x-1.png",
    ]) {
      expect((await request.get(path)).status(), path).toBe(404);
    }
    // The optimiser fetches nothing outside the media folder.
    const elsewhere = await request.get(`/_next/image?url=${encodeURIComponent("/api/health")}&w=256&q=75`);
    expect(elsewhere.status()).toBe(400);
  });
});
