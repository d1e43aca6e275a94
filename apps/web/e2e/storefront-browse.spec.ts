import type { Locator, Page } from "@playwright/test";

import { expect, test } from "./support/test";

/** On a phone the filter panel is folded under a "Filters" button: open it (elsewhere it is always open). */
async function openFilters(page: Page) {
  const toggle = page.locator("summary").filter({ hasText: /^Filters/ });
  if (await toggle.isVisible()) await toggle.click();
  await expect(page.getByRole("form", { name: "Filters" })).toBeVisible();
}

/** "30 products" → 30: the result count above a listing. */
async function resultCount(page: Page): Promise<number> {
  const status = page.getByRole("status").filter({ hasText: /^\d+ products?$/ });
  await expect(status).toBeVisible();
  return Number(/^(\d+)/.exec((await status.textContent()) ?? "")?.[1]);
}

/** The price each card shows (its current price, not a struck-through one), in cents. */
async function cardPrices(list: Locator): Promise<number[]> {
  const texts = await list.getByRole("listitem").allTextContents();
  return texts.flatMap((text) => {
    const match = /\$([\d,]+)\.(\d{2})/.exec(text);
    return match ? [Number(match[1]?.replace(/,/g, "")) * 100 + Number(match[2])] : [];
  });
}

test.describe("a shopper browsing, filtering and searching", () => {
  test("browses a category, filters it, sorts it, searches with a typo and picks a variant", async ({
    page,
  }) => {
    // Browse: from the home page into a category inside a department.
    await page.goto("/");
    await page
      .getByRole("list", { name: "Categories" })
      .getByRole("link", { name: "Apparel", exact: true })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Apparel" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Clothing & Shoes");
    const products = page.getByRole("list", { name: "Apparel products" });
    await expect(products.getByRole("listitem")).toHaveCount(24);
    const everything = await resultCount(page);
    // "Load more" is a button once the page has come alive (a "Next page" link before).
    await expect(page.getByRole("button", { name: "Load more products" })).toBeVisible();

    // Filter by an option: the URL says so and the results narrow.
    await openFilters(page);
    const filters = page.getByRole("form", { name: "Filters" });
    await filters
      .getByRole("group", { name: "Size" })
      .getByRole("checkbox", { name: /^M \(\d+\)$/ })
      .check();
    await expect(page).toHaveURL(/[?&]size=M(&|$)/);
    await expect.poll(() => resultCount(page)).toBeLessThan(everything);
    const sizeM = await resultCount(page);
    expect(sizeM).toBeGreaterThan(0);
    await expect(products.getByRole("listitem")).toHaveCount(Math.min(sizeM, 24));

    // And by availability: still narrower (or the same), never wider.
    await filters.getByRole("checkbox", { name: "In stock only" }).check();
    await expect(page).toHaveURL(/[?&]stock=1(&|$)/);
    await expect.poll(() => resultCount(page)).toBeLessThanOrEqual(sizeM);
    // The counts beside the options follow the other filters: M's is now the in-stock M products.
    const sizeMBox = filters
      .getByRole("group", { name: "Size" })
      .getByRole("checkbox", { name: /^M \(\d+\)$/ });
    await expect
      .poll(async () => {
        const label = await sizeMBox.evaluate((box) => box.closest("label")?.textContent?.trim() ?? "");
        return `${label}|${await resultCount(page)}`;
      })
      .toMatch(/^M \((\d+)\)\|\1$/);

    // Sort by price, lowest first: the prices never go down.
    await page.getByRole("combobox", { name: "Sort by" }).selectOption({ label: "Price: low to high" });
    await expect(page).toHaveURL(/[?&]sort=price-asc(&|$)/);
    await expect(page.getByRole("combobox", { name: "Sort by" })).toHaveValue("price-asc");
    await expect
      .poll(async () => {
        const prices = await cardPrices(products);
        return prices.length > 1 && prices.every((price, i) => i === 0 || price >= (prices[i - 1] ?? 0));
      })
      .toBe(true);

    // The URL reproduces the view: reloading it shows the same filters, checked.
    await page.reload();
    await openFilters(page);
    await expect(filters.getByRole("checkbox", { name: "In stock only" })).toBeChecked();
    await expect(
      filters.getByRole("group", { name: "Size" }).getByRole("checkbox", { name: /^M / }),
    ).toBeChecked();
    await expect(page.getByRole("combobox", { name: "Sort by" })).toHaveValue("price-asc");

    // Search with a typo ("cookbok"), from the header's search box.
    const search = page.getByRole("combobox", { name: "Search products" });
    await search.fill("pasta cookbok");
    await expect(
      page.getByRole("listbox", { name: "Suggestions" }).getByRole("option").first(),
    ).toBeVisible();
    await search.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=pasta\+cookbok$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search results for “pasta cookbok”");
    const results = page.getByRole("list", { name: "Search results" });
    await expect(results.getByRole("listitem").first()).toBeVisible();
    expect(await resultCount(page)).toBeGreaterThan(0);

    // Open a product and choose the other format: the price follows.
    await results.getByRole("link", { name: "The Complete Pasta Cookbook" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "The Complete Pasta Cookbook" })).toBeVisible();
    const price = page.getByRole("status", { name: "Price" });
    const availability = page.getByRole("status", { name: "Availability" });
    await expect(price).toHaveText(/^\$\d+\.\d{2}$/);
    await expect(availability).toHaveText(/^(In stock|Only \d left|Out of stock)$/);
    const format = page.getByRole("group", { name: /^Format/ });
    const choices = format.getByRole("radio");
    await expect(choices).toHaveCount(2);
    const before = await price.textContent();
    const unchecked = (await choices.nth(0).isChecked()) ? 1 : 0;
    await format.locator("label").nth(unchecked).click();
    await expect(choices.nth(unchecked)).toBeChecked();
    await expect(price).not.toHaveText(before ?? "");
    await expect(availability).toHaveText(/^(In stock|Only \d left|Out of stock)$/);
  });

  test("suggestions can be used from the keyboard", async ({ page }) => {
    await page.goto("/products");
    await expect(page.getByRole("button", { name: "Load more products" })).toBeVisible();
    const search = page.getByRole("combobox", { name: "Search products" });
    await search.fill("kettle");
    const listbox = page.getByRole("listbox", { name: "Suggestions" });
    await expect(listbox.getByRole("option").first()).toBeVisible();
    await expect(search).toHaveAttribute("aria-expanded", "true");

    // Escape closes the list; the arrow key opens it again on the first suggestion.
    await search.press("Escape");
    await expect(listbox).toBeHidden();
    await expect(search).toHaveAttribute("aria-expanded", "false");
    await search.press("ArrowDown");
    const first = listbox.getByRole("option").first();
    await expect(first).toHaveAttribute("aria-selected", "true");
    await expect(search).toHaveAttribute("aria-activedescendant", (await first.getAttribute("id")) ?? "");
    const name = ((await first.locator("span").first().textContent()) ?? "").trim();

    await search.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  });

  test("a search that finds nothing says so and offers a way on", async ({ page }) => {
    await page.goto("/search?q=xyzzyplugh");
    await expect(page.getByRole("heading", { name: "No products match “xyzzyplugh”" })).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "Browse categories" }).getByRole("link").first(),
    ).toBeVisible();
    // Search result pages are not for search engines.
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  });

  test("a search that finds nothing but is close to something suggests it", async ({ page }) => {
    await page.goto("/search?q=merino+overshirt+jacket");
    await expect(
      page.getByRole("heading", { name: "No products match “merino overshirt jacket”" }),
    ).toBeVisible();
    const suggestion = page.getByText("Did you mean").getByRole("link");
    const query = ((await suggestion.textContent()) ?? "").trim();
    expect(query).not.toBe("");
    await suggestion.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Search results for “${query}”`);
    expect(await resultCount(page)).toBeGreaterThan(0);
  });

  test("a malformed filter in a link is ignored with a message, not an error page", async ({ page }) => {
    const response = await page.goto("/products?min=cheap&sort=sideways&cursor=nope");
    expect(response?.status()).toBe(200);
    await expect(
      page.getByText("The minimum price “cheap” is not an amount like 12.50, so it was ignored."),
    ).toBeVisible();
    await expect(page.getByRole("list", { name: "All products" }).getByRole("listitem")).toHaveCount(24);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the filter panel is a form that still filters, sorts and pages", async ({ page }) => {
    await page.goto("/categories/apparel");
    const everything = await resultCount(page);
    await openFilters(page);
    const filters = page.getByRole("form", { name: "Filters" });
    await filters.getByLabel("Minimum price").fill("50");
    await filters.getByLabel("Maximum price").fill("120.5");
    await filters.getByRole("checkbox", { name: "In stock only" }).check();
    await page.getByRole("combobox", { name: "Sort by" }).selectOption("price-desc");
    await filters.getByRole("button", { name: "Apply filters" }).click();

    await expect(page).toHaveURL(/\/categories\/apparel\?.*min=50.*max=120\.5.*stock=1.*sort=price-desc/);
    const filtered = await resultCount(page);
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(everything);
    await openFilters(page);
    await expect(filters.getByLabel("Minimum price")).toHaveValue("50.00");
    await expect(filters.getByLabel("Maximum price")).toHaveValue("120.50");
    const prices = await cardPrices(page.getByRole("list", { name: "Apparel products" }));
    expect(prices.length).toBeGreaterThan(0);
    for (const [i, price] of prices.entries()) {
      expect(price).toBeGreaterThanOrEqual(5000);
      expect(price).toBeLessThanOrEqual(12050);
      if (i > 0) expect(price).toBeLessThanOrEqual(prices[i - 1] ?? 0);
    }
  });

  test("a long listing pages through links", async ({ page }) => {
    await page.goto("/products");
    const list = page.getByRole("list", { name: "All products" });
    const first = await list.getByRole("listitem").allTextContents();
    await page.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/[?&]cursor=/);
    const second = await list.getByRole("listitem").allTextContents();
    expect(second).toHaveLength(24);
    expect(second.filter((text) => first.includes(text))).toEqual([]);
    await expect(page.getByRole("link", { name: "Back to the first page" })).toBeVisible();
  });

  test("the header search works as a plain form", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("combobox", { name: "Search products" }).fill("kettel");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/\/search\?q=kettel$/);
    await expect(page.getByRole("list", { name: "Search results" }).getByRole("link").first()).toHaveText(
      /Kettle/,
    );
  });
});

test.describe("for search engines", () => {
  test("a product page has a canonical link, Open Graph data and valid JSON-LD", async ({
    page,
    baseURL,
  }) => {
    await page.goto("/search?q=kettle");
    await page.getByRole("list", { name: "Search results" }).getByRole("link").first().click();
    await expect(page).toHaveURL(/\/products\/[a-z0-9-]+$/);
    const url = page.url();
    const name = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";

    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", url);
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", name);
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute(
      "content",
      new RegExp(`^${baseURL}/`),
    );

    const scripts = await page.locator('script[type="application/ld+json"]').allTextContents();
    expect(scripts).toHaveLength(1);
    const data = JSON.parse(scripts[0] ?? "") as {
      "@type": string;
      name: string;
      sku: string;
      url: string;
      image: string[];
      offers: { price: string; priceCurrency: string; availability: string; url: string }[];
    };
    expect(data["@type"]).toBe("Product");
    expect(data.name).toBe(name);
    expect(data.url).toBe(url);
    expect(data.sku).toMatch(/\S/);
    expect(data.image[0]).toMatch(new RegExp(`^${baseURL}/`));
    expect(data.offers.length).toBeGreaterThan(0);
    for (const offer of data.offers) {
      expect(offer.price).toMatch(/^\d+\.\d{2}$/);
      expect(offer.priceCurrency).toBe("USD");
      expect(offer.availability).toMatch(/^https:\/\/schema\.org\/(InStock|OutOfStock)$/);
      expect(offer.url).toBe(url);
    }
  });

  test("listing and category pages have canonical links without their filters", async ({ page, baseURL }) => {
    await page.goto("/categories/kitchen?sort=price-asc&stock=1");
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
      "href",
      `${baseURL}/categories/kitchen`,
    );
    await page.goto("/products?sort=price-desc");
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${baseURL}/products`);
  });
});

test.describe("the HTTP surface for crawlers", () => {
  test("robots.txt allows the shop, keeps crawlers out of private pages and names the sitemap", async ({
    request,
    baseURL,
  }) => {
    const response = await request.get("/robots.txt");
    expect(response.status()).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/User-Agent: \*/i);
    expect(text).toContain("Allow: /");
    for (const path of ["/account", "/admin", "/api", "/dev", "/search"])
      expect(text).toContain(`Disallow: ${path}`);
    expect(text).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
  });

  test("sitemap.xml lists the home page, every category and every product", async ({ request, baseURL }) => {
    const response = await request.get("/sitemap.xml");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("xml");
    const xml = await response.text();
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toContain(`${baseURL}/`);
    expect(locs).toContain(`${baseURL}/products`);
    expect(locs).toContain(`${baseURL}/categories/apparel`);
    expect(locs).toContain(`${baseURL}/categories/clothing-and-shoes`);
    // As many product URLs as the catalog has products.
    const input = encodeURIComponent(JSON.stringify({ json: { limit: 1 } }));
    const listing = (await (await request.get(`/api/trpc/catalog.products?input=${input}`)).json()) as {
      result: { data: { json: { total: number } } };
    };
    const total = listing.result.data.json.total;
    expect(total).toBeGreaterThan(0);
    expect(locs.filter((loc) => loc?.startsWith(`${baseURL}/products/`))).toHaveLength(total);
    expect(xml).toMatch(/<lastmod>\d{4}-\d{2}-\d{2}T/);
  });
});
