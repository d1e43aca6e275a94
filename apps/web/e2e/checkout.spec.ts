// Checkout over HTTP as any client would do it, and the payments webhook as a provider calls it:
// a guest's cart (cookie), an order, a payment started, a signed delivery that pays it once.
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";

import { expect, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";

import { databaseUrlFile, e2ePaymentsSecret } from "../playwright.config";

async function call<T>(
  request: APIRequestContext,
  procedure: string,
  input: unknown,
  mutation = true,
): Promise<T> {
  const response = mutation
    ? await request.post(`/api/trpc/${procedure}`, { data: { json: input } })
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
