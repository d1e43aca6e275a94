// A shopper's steps and what the tests need to know about the catalog, found through the public
// API the way any client would.
import type { APIRequestContext, Page } from "@playwright/test";

import { expect } from "./test";

export interface Money {
  amount: number;
  currency: string;
}
export interface Variant {
  id: string;
  inStock: boolean;
  stockLeft: number | null;
  price: Money;
}

/** A query procedure's result over HTTP (with the cookies of `request`, if it is a page's). */
export async function query<T>(request: APIRequestContext, procedure: string, input?: unknown): Promise<T> {
  const encoded = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await request.get(`/api/trpc/${procedure}${encoded}`);
  expect(response.status(), procedure).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

export const money = ({ amount, currency }: Money) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency }).format(amount / 100);

/**
 * The `skip`-th product (in the listing's order) whose variant a product page starts on (the
 * first in stock) is `wanted`; tests take different ones so they never share a product.
 */
export async function findProduct(
  request: APIRequestContext,
  wanted: (variant: Variant) => boolean,
  skip = 0,
): Promise<{ slug: string; name: string; variant: Variant }> {
  let cursor: string | null = null;
  let passed = 0;
  for (let page = 0; page < 10; page++) {
    const listing: { items: { slug: string }[]; nextCursor: string | null } = await query(
      request,
      "catalog.products",
      { limit: 60, inStock: true, cursor },
    );
    for (const { slug } of listing.items) {
      const product = await query<{ name: string; variants: Variant[] }>(request, "catalog.productBySlug", {
        slug,
      });
      const variant = product.variants.find((v) => v.inStock);
      if (variant && wanted(variant) && passed++ === skip) return { slug, name: product.name, variant };
    }
    cursor = listing.nextCursor;
    if (!cursor) break;
  }
  throw new Error("no such product in the catalog");
}

/** Enough in stock that the page says no "only N left". */
export const plenty = (variant: Variant) => variant.stockLeft === null;

export const cartLink = (page: Page) =>
  page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Cart/ });

/** Open the product and add its first variant in stock to the cart. */
export async function addToCart(page: Page, slug: string) {
  await page.goto(`/products/${slug}`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added" })).toBeVisible();
}

/**
 * Take out of the console-error fixture's list the errors a test causes on purpose (Chromium logs
 * every refused request), so that any other error still fails the test.
 */
export function expectConsoleErrors(consoleErrors: string[], pattern: RegExp) {
  const unexpected = consoleErrors.filter((message) => !pattern.test(message));
  consoleErrors.splice(0, consoleErrors.length, ...unexpected);
}

export const ADDRESS = {
  name: "Robin Buyer",
  line1: "500 Market St",
  city: "San Francisco",
  region: "CA",
  postalCode: "94105",
};

/** Open checkout and fill the form with a US address, until the quote offers Standard; the form. */
export async function fillCheckoutForm(page: Page, email?: string) {
  await page.goto("/checkout");
  const form = page.getByRole("form", { name: "Checkout" });
  if (email) await form.getByLabel("Email").fill(email);
  await form.getByLabel("Full name").fill(ADDRESS.name);
  await form.getByLabel("Country").selectOption("US");
  await form.getByLabel("Address", { exact: true }).fill(ADDRESS.line1);
  await form.getByLabel("City").fill(ADDRESS.city);
  await form.getByLabel("State / province").fill(ADDRESS.region);
  await form.getByLabel("Postal code").fill(ADDRESS.postalCode);
  await expect(form.getByRole("radio", { name: /^Standard/ })).toBeChecked();
  return form;
}

/** Fill the checkout form with a US address and place the order; ends on the payment page. */
export async function fillCheckout(page: Page, email?: string) {
  const form = await fillCheckoutForm(page, email);
  await form.getByRole("button", { name: "Place order and pay" }).click();
  await expect(page).toHaveURL(/\/pay\/tp_[0-9a-f]+$/);
}

/** Pay on the test provider's page with a test card number. */
export async function payWith(page: Page, card: string) {
  await expect(page.getByText("Test payments: no real card is charged.")).toBeVisible();
  const form = page.getByRole("form", { name: "Pay by card" });
  await form.getByLabel("Card number").fill(card);
  await form.getByRole("button", { name: /^Pay \$/ }).click();
}

export const orderStatus = (page: Page) => page.getByRole("heading", { level: 2, name: /^Status:/ });

/** Mark the document, so a later check can tell that the page was never reloaded. */
export const markDocument = (page: Page) =>
  page.evaluate(() => Object.assign(window, { bazaarSameDocument: true }));
export const stillSameDocument = (page: Page) =>
  page.evaluate(() => (window as { bazaarSameDocument?: boolean }).bazaarSameDocument === true);
