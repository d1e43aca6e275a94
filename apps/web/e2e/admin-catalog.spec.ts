// Staff build the catalog in the admin console: a new product reaches the shop the moment it is
// published; a refused form says why beside the field; a stock adjustment lands in the ledger.
import {
  adjustStockInAdmin,
  chooseCategory,
  createProductInAdmin,
  fillVariantRow,
  pngBytes,
} from "./support/admin-catalog";
import { RUN, SEEDED, signIn, test } from "./support/accounts";
import { wcagViolations } from "./support/accessibility";
import { expect } from "./support/test";

// Stationery: a category no other journey counts through. Products here are made with no stock,
// or left as drafts, so the shopper tests' "first product in stock" never lands on one of them.
const CATEGORY = "Stationery";

test.describe("the admin console's catalog @admin", () => {
  test("an admin creates a product with two variants and a picture; published, it is in the shop and in search at once", async ({
    page,
  }, testInfo) => {
    // Three pages scanned whole, a product made and found twice: past 30 s on a busy two-core runner.
    test.slow();
    const token = `${testInfo.project.name}${RUN}`;
    const name = `Aurora Desk Lamp ${token}`;
    const slug = `aurora-desk-lamp-${token}`;
    await page.goto("/sign-in?next=%2Fadmin%2Fproducts%2Fnew");
    await signIn(page, SEEDED.admin);
    await expect(page).toHaveURL("/admin/products/new");

    const product = await createProductInAdmin(page, {
      name,
      slug,
      categoryName: CATEGORY,
      description: "A brass lamp with a warm glow.",
      variants: [
        { sku: `LAMP-${token}-BR`, name: "Brass", options: { finish: "Brass" }, price: "24.00", stock: 0 },
        { sku: `LAMP-${token}-BK`, name: "Black", options: { finish: "Black" }, price: "26.50", stock: 0 },
      ],
      image: { name: "lamp.png", mimeType: "image/png", buffer: pngBytes(16, 12), alt: "The lamp, lit" },
      publish: true,
    });
    expect(product.slug).toBe(slug);
    // The product's page in the console, with its variants and picture, is accessible.
    expect(await wcagViolations(page)).toEqual([]);

    // The storefront page, at once.
    await page.getByRole("link", { name: "View in the shop" }).click();
    await expect(page).toHaveURL(`/products/${slug}`);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByRole("img", { name: "The lamp, lit" })).toBeVisible();
    await expect(page.getByText("$24.00").first()).toBeVisible();

    // And search finds it.
    await page.goto(`/search?q=${encodeURIComponent(name)}`);
    await expect(
      page
        .getByRole("list", { name: "Search results" })
        .getByRole("link", { name: new RegExp(name) })
        .first(),
    ).toBeVisible();

    // Back in the console, the table lists it as published with both variants.
    await page.goto(`/admin/products?q=${encodeURIComponent(name)}`);
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText("Published");
    await expect(row).toContainText("$24.00 – $26.50");
    expect(await wcagViolations(page)).toEqual([]);
    await page.goto("/admin/categories");
    await expect(page.getByRole("heading", { level: 1, name: "Categories" })).toBeVisible();
    expect(await wcagViolations(page)).toEqual([]);
  });

  test("a refused form shows each problem beside its field and keeps what was typed", async ({
    page,
  }, testInfo) => {
    const token = `${testInfo.project.name}${RUN}`;
    await page.goto("/sign-in?next=%2Fadmin%2Fproducts%2Fnew");
    await signIn(page, SEEDED.staff);
    await expect(page).toHaveURL("/admin/products/new");
    const form = page.getByRole("form", { name: "New product" });
    await form.getByLabel("Product name").fill(`Refused Notebook ${token}`);
    await chooseCategory(page, CATEGORY);
    await fillVariantRow(page, 1, {
      sku: `NOTE-${token}`,
      name: "Lined",
      options: { ruling: "Lined" },
      price: "9.00",
    });
    await form.getByRole("button", { name: "Add a variant" }).click();
    // The same SKU again: the API names `variants.1.sku`, and the second row's SKU shows it.
    await fillVariantRow(page, 2, {
      sku: `NOTE-${token}`,
      name: "Plain",
      options: { ruling: "Plain" },
      price: "9.00",
    });
    await form.getByLabel("Slug").fill("Not A Slug");
    await form.getByRole("button", { name: "Create product" }).click();

    const second = page.getByRole("group", { name: "Variant 2" });
    await expect(second.getByText("SKU is already used by variant 1")).toBeVisible();
    await expect(second.getByLabel("SKU")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("group", { name: "Variant 1" }).getByLabel("SKU")).not.toHaveAttribute(
      "aria-invalid",
      "true",
    );
    await expect(form.getByText("Slug must be lowercase letters, digits and single hyphens")).toBeVisible();
    await expect(form.getByLabel("Slug")).toHaveValue("Not A Slug");
    await expect(second.getByLabel("Name")).toHaveValue("Plain");
    await expect(page).toHaveURL("/admin/products/new");
    expect(await wcagViolations(page)).toEqual([]);
  });

  test("staff adjust a variant's stock and its ledger shows the movement", async ({ page }, testInfo) => {
    const token = `${testInfo.project.name}${RUN}`;
    const sku = `JOURNAL-${token}`.toUpperCase();
    await page.goto("/sign-in?next=%2Fadmin%2Fproducts%2Fnew");
    await signIn(page, SEEDED.staff);
    await expect(page).toHaveURL("/admin/products/new");
    // A draft: never in the shop while the test runs.
    await createProductInAdmin(page, {
      name: `Dotted Journal ${token}`,
      slug: `dotted-journal-${token}`,
      categoryName: CATEGORY,
      variants: [{ sku, name: "A5", options: { size: "A5" }, price: "14.00", stock: 5 }],
    });

    await adjustStockInAdmin(page, sku, { delta: 7, reason: "Received", note: "Delivery 118" });
    await expect(page.getByRole("form", { name: `Adjust stock of ${sku}` }).getByRole("status")).toHaveText(
      "Stock is now 12.",
    );
    await page.getByRole("link", { name: `Stock ledger of ${sku}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Stock ledger: ${sku}` })).toBeVisible();
    const rows = page
      .getByRole("table", { name: `Stock movements of ${sku}, newest first` })
      .getByRole("row");
    await expect(rows.nth(1)).toContainText("Received");
    await expect(rows.nth(1)).toContainText("+7");
    await expect(rows.nth(1)).toContainText("12");
    await expect(rows.nth(1)).toContainText(SEEDED.staff.email);
    await expect(rows.nth(1)).toContainText("Delivery 118");
    await expect(rows.nth(2)).toContainText("Opening stock");
    await expect(rows.nth(2)).toContainText("+5");
    expect(await wcagViolations(page)).toEqual([]);
  });
});
