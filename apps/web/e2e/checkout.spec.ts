// Checkout over HTTP as any client would do it, and the payments webhook as a provider calls it:
// a guest's cart (cookie), an order, a payment started, a signed delivery that pays it once.
// Then in the browser: the only item sells out just before "Place order".
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";

import type { APIRequestContext } from "@playwright/test";
import pg from "pg";

import { databaseUrlFile, e2ePaymentsSecret } from "../playwright.config";
import { FROM_THE_SHOP } from "./support/accounts";
import { placeGuestOrder } from "./support/admin-orders";
import { addToCart, expectConsoleErrors, fillCheckoutForm, findProduct, plenty } from "./support/shop";
import { expect, test } from "./support/test";

async function call<T>(
  request: APIRequestContext,
  procedure: string,
  input: unknown,
  mutation = true,
): Promise<T> {
  const response = mutation
    ? await request.post(`/api/trpc/${procedure}`, { headers: FROM_THE_SHOP, data: { json: input } })
    : await request.get(
        `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
      );
  expect(response.status(), `${procedure}: ${await response.text()}`).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** What the provider sends: `t=<seconds>,v1=<HMAC-SHA256 of "<t>.<body>">` (written out here on purpose). */
function sign(body: string, at = Date.now()): string {
  const t = Math.floor(at / 1000);
  return `t=${t},v1=${createHmac("sha256", e2ePaymentsSecret).update(`${t}.${body}`).digest("hex")}`;
}

test.describe("the HTTP surface: checkout and the payments webhook", () => {
  test("a guest orders, starts a payment, and a signed success pays the order exactly once", async ({
    request,
  }) => {
    const listing = await call<{ items: { slug: string; inStock: boolean }[] }>(
      request,
      "catalog.products",
      { limit: 24, inStock: true },
      false,
    );
    const slug = listing.items[0]?.slug ?? "";
    const product = await call<{ variants: { id: string; inStock: boolean }[] }>(
      request,
      "catalog.productBySlug",
      { slug },
      false,
    );
    const variantId = product.variants.find((v) => v.inStock)?.id ?? "";

    // The guest cart lives in the cookie this request context keeps, as a browser would.
    await call(request, "cart.add", { variantId, quantity: 1 });
    const order = await call<{ id: string; totalAmount: number; currency: string }>(
      request,
      "checkout.placeOrder",
      {
        email: "guest-e2e@example.test",
        address: {
          name: "Sam",
          line1: "1 Main St",
          city: "Oakland",
          region: "CA",
          postalCode: "94607",
          country: "US",
        },
        shippingRate: "standard",
        idempotencyKey: randomUUID(),
      },
    );
    const { pagePath } = await call<{ pagePath: string }>(request, "payments.start", { orderId: order.id });
    const paymentRef = pagePath.replace("/pay/", "");

    const body = JSON.stringify({
      id: `evt_${randomUUID()}`,
      type: "payment.succeeded",
      data: { paymentRef, amount: order.totalAmount, currency: order.currency },
    });
    const unsigned = await request.post("/api/webhooks/payments", {
      data: body,
      headers: { "content-type": "application/json" },
    });
    expect([unsigned.status(), await unsigned.json()]).toEqual([400, { error: "signature missing" }]);
    const stale = await request.post("/api/webhooks/payments", {
      data: body,
      headers: {
        "content-type": "application/json",
        "bazaar-signature": sign(body, Date.now() - 6 * 60_000),
      },
    });
    expect([stale.status(), await stale.json()]).toEqual([400, { error: "signature expired" }]);

    const deliver = () =>
      request.post("/api/webhooks/payments", {
        data: body,
        headers: { "content-type": "application/json", "bazaar-signature": sign(body) },
      });
    const first = await deliver();
    expect([first.status(), await first.json()]).toEqual([
      200,
      { status: "processed", outcome: "order paid" },
    ]);
    const again = await deliver();
    expect([again.status(), await again.json()]).toEqual([200, { status: "duplicate" }]);

    const db = new pg.Client({ connectionString: readFileSync(databaseUrlFile, "utf8") });
    await db.connect();
    try {
      const { rows } = await db.query<{ status: string }>(`SELECT "status" FROM "Order" WHERE "id" = $1`, [
        order.id,
      ]);
      expect(rows[0]?.status).toBe("PAID");
      const events = await db.query(
        `SELECT 1 FROM "PaymentEvent" WHERE "payload"->'data'->>'paymentRef' = $1`,
        [paymentRef],
      );
      expect(events.rowCount).toBe(1);
    } finally {
      await db.end();
    }
  });
});

test.describe("checkout in the browser", () => {
  test("the only item sells out before 'Place order': the page names it and leads back to the cart", async ({
    page,
    request,
    consoleErrors,
  }, testInfo) => {
    // Past the products other tests take, so that selling this one out moves none of theirs.
    const product = await findProduct(request, plenty, 20 + (testInfo.project.name === "mobile" ? 1 : 0));
    await addToCart(page, product.slug);
    const form = await fillCheckoutForm(page, "sold-out-e2e@example.test");

    const db = new pg.Client({ connectionString: readFileSync(databaseUrlFile, "utf8") });
    await db.connect();
    const { rows } = await db.query<{ name: string; stockOnHand: number }>(
      `SELECT "name", "stockOnHand" FROM "ProductVariant" WHERE "id" = $1`,
      [product.variant.id],
    );
    try {
      // Behind the app's back: someone else bought the last ones.
      await db.query(`UPDATE "ProductVariant" SET "stockOnHand" = 0 WHERE "id" = $1`, [product.variant.id]);
      await form.getByRole("button", { name: "Place order and pay" }).click();

      // The cart is left empty, and the page says why instead.
      await expect(page.getByRole("form", { name: "Checkout" })).toHaveCount(0);
      const alert = page.getByRole("alert").filter({ hasText: "sold out" });
      await expect(alert).toContainText(`${product.name} (${rows[0]?.name}) sold out.`);
      await expect(alert.getByRole("link", { name: "Review your cart" })).toHaveAttribute("href", "/cart");
      await expect(page.getByText(/cart is empty/i)).toHaveCount(0);
      await expect(page).toHaveURL("/checkout");
    } finally {
      await db.query(`UPDATE "ProductVariant" SET "stockOnHand" = $2 WHERE "id" = $1`, [
        product.variant.id,
        rows[0]?.stockOnHand,
      ]);
      await db.end();
    }
    expectConsoleErrors(consoleErrors, /status of 409/);
  });
  test("without JavaScript, the payment page still takes the card (its form posts Origin null)", async ({
    browser,
    request,
  }, testInfo) => {
    // The payment page sends no referrer (its address is the payment's secret), so a browser
    // posts its form natively with `Origin: null`; it must still work before or without scripts.
    const context = await browser.newContext({
      baseURL: new URL(testInfo.project.use.baseURL ?? "").origin,
      javaScriptEnabled: false,
    });
    try {
      const product = await findProduct(request, plenty, 3);
      const order = await placeGuestOrder(context.request, {
        email: "no-script-payer@example.test",
        variantId: product.variant.id,
      });
      const { pagePath } = await call<{ pagePath: string }>(context.request, "payments.start", {
        orderId: order.id,
      });
      const page = await context.newPage();
      const shown = await page.goto(pagePath);
      expect(shown?.headers()["referrer-policy"]).toBe("no-referrer");
      const form = page.getByRole("form", { name: "Pay by card" });
      await form.getByLabel("Card number").fill("4242 4242 4242 4242");
      const posted = page.waitForRequest((sent) => sent.method() === "POST" && sent.url().includes(pagePath));
      await form.getByRole("button", { name: /^Pay \$/ }).click();
      expect(await (await posted).headerValue("origin")).toBe("null");
      await expect(page).not.toHaveURL(new RegExp(`${pagePath}$`));

      const db = new pg.Client({ connectionString: readFileSync(databaseUrlFile, "utf8") });
      await db.connect();
      try {
        await expect
          .poll(
            async () =>
              (await db.query<{ status: string }>(`SELECT "status" FROM "Order" WHERE "id" = $1`, [order.id]))
                .rows[0]?.status,
            { timeout: 15_000 },
          )
          .toBe("PAID");
      } finally {
        await db.end();
      }
    } finally {
      await context.close();
    }
  });
});
