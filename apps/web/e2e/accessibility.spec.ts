// Every main page against the WCAG 2.1 A and AA rules axe can check automatically (labels, names,
// roles, landmarks, colour contrast), at desktop and phone sizes. Keyboard use is walked in
// storefront-browse.spec.ts; this catches what a reviewer's eye misses.
import { expect, test } from "./support/test";

import { wcagViolations } from "./support/accessibility";

const PAGES = [
  ["the home page", "/"],
  ["all products", "/products"],
  ["a category, filtered", "/categories/apparel?size=M&stock=1"],
  ["search results", "/search?q=linen"],
  ["a search that finds nothing", "/search?q=zzzzqqq"],
  ["sign in", "/sign-in"],
  ["sign up", "/sign-up"],
] as const;

test.describe("accessibility", () => {
  for (const [name, path] of PAGES) {
    test(`${name} has no WCAG A/AA violations`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole("main")).toBeVisible();
      expect(await wcagViolations(page)).toEqual([]);
    });
  }

  test("a product page has no WCAG A/AA violations", async ({ page }) => {
    await page.goto("/products");
    await page.getByRole("list", { name: "All products" }).getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await wcagViolations(page)).toEqual([]);
  });

  test("the cart and checkout, with an item in the cart, have no WCAG A/AA violations", async ({ page }) => {
    // Six pages and states, each scanned whole: more than the default 30 s on a busy two-core runner.
    test.slow();
    await page.goto("/products?stock=1");
    await page.getByRole("list", { name: "All products" }).getByRole("link").first().click();
    await page.getByRole("button", { name: "Add to cart" }).click();
    await page.getByRole("link", { name: "View cart" }).click();
    await expect(page.getByRole("list", { name: "Items in your cart" })).toBeVisible();
    expect(await wcagViolations(page)).toEqual([]);

    await page.getByRole("link", { name: "Checkout" }).click();
    const form = page.getByRole("form", { name: "Checkout" });
    expect(await wcagViolations(page)).toEqual([]);
    // With the shipping methods and the quoted amounts shown.
    await form.getByLabel("Full name").fill("Alex Axe");
    await form.getByLabel("Address", { exact: true }).fill("1 Main St");
    await form.getByLabel("City").fill("Austin");
    await form.getByLabel("State / province").fill("TX");
    await form.getByLabel("Postal code").fill("78701");
    await expect(form.getByRole("radio").first()).toBeChecked();
    expect(await wcagViolations(page)).toEqual([]);

    // The test provider's payment page, its error state, and the order page it returns to.
    await form.getByLabel("Email").fill("axe-buyer@example.test");
    await form.getByRole("button", { name: "Place order and pay" }).click();
    const pay = page.getByRole("form", { name: "Pay by card" });
    await expect(pay).toBeVisible();
    expect(await wcagViolations(page)).toEqual([]);
    await pay.getByLabel("Card number").fill("1111 2222 3333 4444");
    await pay.getByRole("button", { name: /^Pay \$/ }).click();
    await expect(pay.getByLabel("Card number")).toHaveAttribute("aria-invalid", "true");
    expect(await wcagViolations(page)).toEqual([]);
    await pay.getByLabel("Card number").fill("4242 4242 4242 4242");
    await pay.getByRole("button", { name: /^Pay \$/ }).click();
    await expect(page.getByRole("heading", { level: 2, name: /^Status:/ })).toBeVisible();
    expect(await wcagViolations(page)).toEqual([]);
  });

  test("the account's orders have no WCAG A/AA violations", async ({ page }) => {
    // An address of this test's own: sign-ins are rate limited per client address.
    await page.setExtraHTTPHeaders({ "x-forwarded-for": "198.19.251.18" });
    await page.goto("/sign-in?next=%2Faccount%2Forders");
    const form = page.getByRole("form", { name: "Sign in with your password" });
    await form.getByLabel("Email").fill("customer@bazaar.test");
    await form.getByLabel("Password").fill("bazaar-customer-2026");
    await form.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your orders" })).toBeVisible();
    expect(await wcagViolations(page)).toEqual([]);
  });
});
