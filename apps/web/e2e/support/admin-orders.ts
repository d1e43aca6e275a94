// Staff's steps on the admin console's orders: find one, ship it, refund part of it, cancel it,
// each through the pages as a person would. And a quick way to have orders to work on: a guest's
// order placed through the checkout procedures, as any client would.
import { randomUUID } from "node:crypto";

import type { APIRequestContext, Page } from "@playwright/test";

import { FROM_THE_SHOP } from "./accounts";
import { expect } from "./test";

/** Place a guest's order over HTTP (the cart is `request`'s cookie); it waits for payment. */
export async function placeGuestOrder(
  request: APIRequestContext,
  order: { email: string; variantId: string; quantity?: number },
): Promise<{ id: string; number: number }> {
  const call = async <T>(procedure: string, input: unknown): Promise<T> => {
    const response = await request.post(`/api/trpc/${procedure}`, {
      headers: FROM_THE_SHOP,
      data: { json: input },
    });
    expect(response.status(), `${procedure}: ${await response.text()}`).toBe(200);
    return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
  };
  await call("cart.add", { variantId: order.variantId, quantity: order.quantity ?? 1 });
  return call("checkout.placeOrder", {
    email: order.email,
    address: {
      name: "Sam Guest",
      line1: "1 Main St",
      city: "Oakland",
      region: "CA",
      postalCode: "94607",
      country: "US",
    },
    shippingRate: "standard",
    idempotencyKey: randomUUID(),
  });
}

/** Search the orders table (number, or any part of an email) the way staff type it. */
export async function searchOrdersInAdmin(page: Page, text: string) {
  if (!page.url().endsWith("/admin/orders")) await page.goto("/admin/orders");
  const search = page.getByRole("search", { name: "Orders" });
  await search.getByLabel("Order number or email").fill(text);
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(
    new RegExp(`[?&]q=${encodeURIComponent(text).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`),
  );
}

/** The table of orders on the page. */
export const ordersTable = (page: Page) => page.getByRole("table", { name: /^Orders/ });

/** Open an order's page in the console: by its id, or by its number through the table's search. */
export async function openOrderInAdmin(page: Page, order: string | number) {
  const text = String(order);
  if (/^\d+$/.test(text)) {
    await searchOrdersInAdmin(page, text);
    await ordersTable(page)
      .getByRole("link", { name: `Order ${text}`, exact: true })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: `Order ${text}` })).toBeVisible();
  } else {
    await page.goto(`/admin/orders/${encodeURIComponent(text)}`);
    await expect(page.getByRole("heading", { level: 1, name: /^Order \d+$/ })).toBeVisible();
  }
}

/** Mark a paid order shipped with its tracking number (and carrier). */
export async function fulfilOrderInAdmin(
  page: Page,
  order: string | number,
  shipment: { carrier?: string; trackingNumber: string },
) {
  await openOrderInAdmin(page, order);
  const form = page.getByRole("form", { name: "Mark shipped" });
  if (shipment.carrier) await form.getByLabel("Carrier").fill(shipment.carrier);
  await form.getByLabel("Tracking number").fill(shipment.trackingNumber);
  await form.getByRole("button", { name: "Mark shipped" }).click();
  await expect(page.getByRole("status").filter({ hasText: "is marked shipped" })).toBeVisible();
  await expect(page.getByText(shipment.trackingNumber, { exact: true })).toBeVisible();
}

/** Refund an amount typed as money ("5.00") with a reason. */
export async function refundOrderInAdmin(
  page: Page,
  order: string | number,
  refund: { amount: string; reason: string },
) {
  await openOrderInAdmin(page, order);
  const form = page.getByRole("form", { name: "Refund" });
  await form.getByLabel(/^Amount/).fill(refund.amount);
  await form.getByLabel("Reason").fill(refund.reason);
  await form.getByRole("button", { name: "Refund" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Refunded / })).toBeVisible();
}

/** Cancel an order that has not shipped, saying why. */
export async function cancelOrderInAdmin(page: Page, order: string | number, reason: string) {
  await openOrderInAdmin(page, order);
  const form = page.getByRole("form", { name: "Cancel order" });
  await form.getByLabel("Reason").fill(reason);
  await form.getByRole("button", { name: /^Cancel order/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "is cancelled" })).toBeVisible();
}
