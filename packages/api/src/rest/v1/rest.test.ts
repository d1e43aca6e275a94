// REST v1 as an integration uses it, against the real database: keys and scopes, every endpoint's
// answer, the one error shape, idempotent orders, the body limit, CORS and the per-key rate limit.
import { createRateLimiter } from "@bazaar/auth";
import { API_KEY_SCOPES } from "@bazaar/validators";
import { createTestDatabase } from "@bazaar/db/testing";
import { beforeAll, describe, expect, it } from "vitest";

import { signInPersonas, type Persona, type SignedIn } from "../../../test/accounts.ts";
import { insertCatalog, insertShippingEverywhere, T0 } from "../../../test/catalog-fixtures.ts";
import { callHttp } from "../../../test/http.ts";
import { makeKey, rest } from "../../../test/rest.ts";
import { revokeApiKey } from "../../admin/api-keys/service.ts";
import { listAudit } from "../../admin/audit/service.ts";

const { db } = await createTestDatabase();
await insertCatalog(db, [
  {
    id: "kettle",
    categoryId: "cat_a",
    createdAt: T0,
    variants: [
      [3999, 10],
      [2500, 2],
    ],
  },
  { id: "novel", categoryId: "cat_b", createdAt: new Date(T0.getTime() + 3_600_000), variants: [[1200, 0]] },
]);
await insertShippingEverywhere(db);
await db.taxRate.create({
  data: { country: "US", region: "", rateBasisPoints: 1000, appliesToShipping: false },
});
let people: Record<Persona, SignedIn>;
let admin: SignedIn;
let every: { id: string; key: string };
beforeAll(async () => {
  people = await signInPersonas(db);
  admin = people.admin;
  every = await makeKey(db, admin.id);
});

const address = {
  name: "Ada Buyer",
  line1: "1 Main St",
  city: "Springfield",
  region: "IL",
  postalCode: "62701",
  country: "US",
};
const orderBody = (idempotencyKey: string, quantity = 1) => ({
  email: "buyer@example.com",
  address,
  idempotencyKey,
  lines: [{ variantId: "kettle_v0", quantity }],
});
interface ErrorEnvelope {
  error: {
    code: string;
    message: string;
    fieldErrors: Record<string, string[]> | null;
    stockConflicts: { variantId: string; requested: number; available: number }[] | null;
    requestId: string | null;
  };
}
const errorOf = (body: unknown) => (body as ErrorEnvelope).error;

describe("API keys on /api/v1", () => {
  it("refuses a call without a key, with a malformed one, an unknown one and a session token", async () => {
    const none = await rest(db, "/products");
    expect(none.status).toBe(401);
    expect(errorOf(none.body)).toMatchObject({ code: "UNAUTHORIZED", fieldErrors: null });
    expect(errorOf(none.body).requestId).toBe(none.headers.get("x-request-id"));

    const malformed = await rest(db, "/products", { headers: { authorization: "Basic abc" } });
    expect(malformed.status).toBe(401);
    const unknown = await rest(db, "/products", { key: `bzk_${"A".repeat(43)}` });
    expect(unknown.status).toBe(401);
    expect(errorOf(unknown.body).message).toContain("unknown or revoked");
    const session = await rest(db, "/products", { key: "a".repeat(43) });
    expect(session.status).toBe(401);
  });

  it("answers 403 for a scope the key lacks, before anything changes", async () => {
    const readOnly = await makeKey(db, admin.id, ["catalog:read"]);
    const before = await db.productVariant.findUniqueOrThrow({ where: { id: "kettle_v0" } });
    const refused = await rest(db, "/stock/kettle_v0/adjustments", {
      method: "POST",
      key: readOnly.key,
      body: { delta: 5, reason: "RECEIVED" },
    });
    expect(refused.status).toBe(403);
    expect(errorOf(refused.body)).toMatchObject({ code: "FORBIDDEN" });
    expect(errorOf(refused.body).message).toContain("stock:write");
    expect(await db.productVariant.findUniqueOrThrow({ where: { id: "kettle_v0" } })).toEqual(before);
    expect((await rest(db, "/products", { key: readOnly.key })).status).toBe(200);
  });

  it("stops a revoked key at once and records each key's last use", async () => {
    const key = await makeKey(db, admin.id, ["catalog:read"]);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toBeNull();
    expect((await rest(db, "/categories", { key: key.key })).status).toBe(200);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toBeInstanceOf(Date);

    await revokeApiKey(db, admin.id, key.id, { ip: null, userAgent: null });
    const after = await rest(db, "/categories", { key: key.key });
    expect(after.status).toBe(401);
    expect(errorOf(after.body).message).toContain("revoked");
  });

  it("is refused on the tRPC endpoint, which stays for sessions", async () => {
    const { status, error } = await callHttp(db, "catalog.categories", { token: every.key });
    expect(status).toBe(401);
    expect(error?.message).toContain("/api/v1");
  });
});

describe("catalog", () => {
  it("lists products by cursor, filters with query-string values, and reads one by slug", async () => {
    const first = await rest(db, "/products?limit=1", { key: every.key });
    expect(first.status).toBe(200);
    const page = first.body as { items: { slug: string }[]; nextCursor: string; total: number };
    expect(page.items.map((item) => item.slug)).toEqual(["novel"]);
    expect(page.total).toBe(2);
    const second = await rest(db, `/products?limit=1&cursor=${encodeURIComponent(page.nextCursor)}`, {
      key: every.key,
    });
    expect(second.body).toMatchObject({
      items: [{ slug: "kettle", priceFrom: { amount: 2500, currency: "USD" } }],
      nextCursor: null,
    });

    // "false" means false: a plain coercion would read any text as true.
    const outOfStockToo = await rest(db, "/products?inStock=false", { key: every.key });
    expect((outOfStockToo.body as { total: number }).total).toBe(2);
    const inStock = await rest(db, "/products?inStock=true", { key: every.key });
    expect((inStock.body as { items: { slug: string }[] }).items.map((item) => item.slug)).toEqual([
      "kettle",
    ]);

    const product = await rest(db, "/products/kettle", { key: every.key });
    expect(product.body).toMatchObject({
      slug: "kettle",
      updatedAt: expect.stringMatching(/Z$/) as unknown,
      variants: [
        { id: "kettle_v0", price: { amount: 3999, currency: "USD" }, inStock: true },
        { id: "kettle_v1", price: { amount: 2500, currency: "USD" }, inStock: true },
      ],
    });
    // The warehouse count is not the catalog's to tell; stock has its own scope.
    expect(JSON.stringify(product.body)).not.toContain("stockOnHand");
  });

  it("answers bad filters with 400 naming the field, and an unknown slug with 404", async () => {
    const bad = await rest(db, "/products?limit=500&minPrice=abc&inStock=perhaps", { key: every.key });
    expect(bad.status).toBe(400);
    expect(Object.keys(errorOf(bad.body).fieldErrors ?? {}).sort()).toEqual(["inStock", "limit", "minPrice"]);
    expect(errorOf(bad.body).code).toBe("BAD_REQUEST");
    const missing = await rest(db, "/products/no-such-thing", { key: every.key });
    expect(missing.status).toBe(404);
    expect(errorOf(missing.body)).toMatchObject({
      code: "NOT_FOUND",
      message: "That product was not found.",
    });
  });

  it("lists categories flat with their parents, and searches names", async () => {
    const categories = await rest(db, "/categories", { key: every.key });
    expect(categories.body).toEqual([
      expect.objectContaining({ slug: "apparel", parentId: null, productCount: 1 }),
      expect.objectContaining({ slug: "books", parentId: null, productCount: 1 }),
      expect.objectContaining({ slug: "candles", parentId: null, productCount: 0 }),
    ]);
    const search = await rest(db, "/search?q=kettle&limit=3", { key: every.key });
    expect(search.body).toMatchObject({ products: [{ slug: "kettle" }] });
    expect((await rest(db, "/search", { key: every.key })).status).toBe(400);
  });
});

describe("stock", () => {
  it("reads levels by SKU or page by page, and adjusts with a reason, audited as the key", async () => {
    const one = await rest(db, "/stock?sku=KETTLE-1", { key: every.key });
    expect(one.body).toEqual({
      items: [
        {
          variantId: "kettle_v1",
          sku: "KETTLE-1",
          productId: "kettle",
          productSlug: "kettle",
          stockOnHand: 2,
        },
      ],
      nextCursor: null,
    });
    const first = (await rest(db, "/stock?limit=2", { key: every.key })).body as {
      items: unknown[];
      nextCursor: string;
    };
    expect(first.items).toHaveLength(2);
    const rest2 = (await rest(db, `/stock?limit=2&cursor=${first.nextCursor}`, { key: every.key })).body as {
      items: { variantId: string }[];
      nextCursor: string | null;
    };
    expect(rest2).toMatchObject({ items: [{ variantId: "novel_v0" }], nextCursor: null });

    const adjusted = await rest(db, "/stock/kettle_v1/adjustments", {
      method: "POST",
      key: every.key,
      body: { delta: 8, reason: "RECEIVED", note: "Pallet 7" },
    });
    expect(adjusted.status).toBe(200);
    expect(adjusted.body).toEqual({ variantId: "kettle_v1", stockOnHand: 10 });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "stock.adjusted", targetId: "kettle_v1" },
    });
    expect(audit).toMatchObject({ actorId: every.id, userAgent: null });
    // The console's audit page names the key as the actor.
    const [entry] = (await listAudit(db, { limit: 1, action: "stock.adjusted" })).items;
    expect(entry).toMatchObject({ actor: `API key “Test key ${API_KEY_SCOPES.join(" ")}”`, actorId: null });
    const movement = await db.stockMovement.findFirstOrThrow({
      where: { variantId: "kettle_v1" },
      orderBy: { createdAt: "desc" },
    });
    expect(movement).toMatchObject({ delta: 8, reason: "RECEIVED", note: "Pallet 7" });
  });

  it("refuses taking more than is on hand (409 on delta) and a wrong reason (400), changing nothing", async () => {
    const before = await db.productVariant.findUniqueOrThrow({ where: { id: "novel_v0" } });
    const tooMany = await rest(db, "/stock/novel_v0/adjustments", {
      method: "POST",
      key: every.key,
      body: { delta: -1, reason: "DAMAGED" },
    });
    expect(tooMany.status).toBe(409);
    expect(errorOf(tooMany.body).fieldErrors).toHaveProperty("delta");
    const wrong = await rest(db, "/stock/novel_v0/adjustments", {
      method: "POST",
      key: every.key,
      body: { delta: 1, reason: "FOUND" },
    });
    expect(wrong.status).toBe(400);
    expect(errorOf(wrong.body).fieldErrors).toHaveProperty("reason");
    const unknown = await rest(db, "/stock/nope/adjustments", {
      method: "POST",
      key: every.key,
      body: { delta: 1, reason: "RECEIVED" },
    });
    expect(unknown.status).toBe(404);
    expect(await db.productVariant.findUniqueOrThrow({ where: { id: "novel_v0" } })).toEqual(before);
  });
});

describe("orders", () => {
  it("places an order (201), priced, shipped and taxed by the server; a retry answers with the same order", async () => {
    const placed = await rest(db, "/orders", {
      method: "POST",
      key: every.key,
      body: orderBody("rest-order-000001", 2),
    });
    expect(placed.body).not.toHaveProperty("error");
    expect(placed.status).toBe(201);
    const order = placed.body as { id: string; number: number; orderUrl: string };
    expect(placed.body).toMatchObject({
      status: "PENDING_PAYMENT",
      email: "buyer@example.com",
      currency: "USD",
      subtotalAmount: 7998,
      shippingAmount: 500,
      taxAmount: 800,
      totalAmount: 9298,
      lines: [{ variantId: "kettle_v0", sku: "KETTLE-0", quantity: 2, unitAmount: 3999, lineAmount: 7998 }],
      shippingAddress: { name: "Ada Buyer", country: "US", line2: null },
      shippingMethod: "standard",
      reservedUntil: expect.stringMatching(/Z$/) as unknown,
    });
    // A guest order's page link carries its signed access.
    expect(order.orderUrl).toMatch(new RegExp(`/orders/${order.id}\\?access=`));

    const retry = await rest(db, "/orders", {
      method: "POST",
      key: every.key,
      body: orderBody("rest-order-000001", 2),
    });
    expect((retry.body as { id: string }).id).toBe(order.id);
    expect(await db.order.count({ where: { idempotencyKey: "rest-order-000001" } })).toBe(1);
    expect((await db.productVariant.findUniqueOrThrow({ where: { id: "kettle_v0" } })).stockOnHand).toBe(8);

    const reused = await rest(db, "/orders", {
      method: "POST",
      key: every.key,
      body: orderBody("rest-order-000001", 1),
    });
    expect(reused.status).toBe(422);
    expect(errorOf(reused.body).fieldErrors).toHaveProperty("idempotencyKey");

    const read = await rest(db, `/orders/${order.id}`, { key: every.key });
    expect(read.body).toEqual(placed.body);
    const listed = await rest(db, "/orders?status=PENDING_PAYMENT", { key: every.key });
    expect(listed.body).toMatchObject({
      items: [{ id: order.id, number: order.number, totalAmount: 9298 }],
      total: 1,
    });
  });

  it("refuses what cannot be placed, each with its field, and places nothing", async () => {
    const count = await db.order.count();
    const outOfStock = await rest(db, "/orders", {
      method: "POST",
      key: every.key,
      body: { ...orderBody("rest-order-000002"), lines: [{ variantId: "novel_v0", quantity: 1 }] },
    });
    expect(outOfStock.status).toBe(409);
    expect(errorOf(outOfStock.body)).toMatchObject({
      code: "CONFLICT",
      message: "Product novel (Variant 0) is sold out.",
      fieldErrors: null,
      stockConflicts: [
        {
          variantId: "novel_v0",
          productName: "Product novel",
          variantName: "Variant 0",
          requested: 1,
          available: 0,
        },
      ],
    });
    const left = (await db.productVariant.findUniqueOrThrow({ where: { id: "kettle_v1" } })).stockOnHand;
    const short = await rest(db, "/orders", {
      method: "POST",
      key: every.key,
      body: { ...orderBody("rest-order-short-01"), lines: [{ variantId: "kettle_v1", quantity: left + 1 }] },
    });
    expect([short.status, errorOf(short.body).message, errorOf(short.body).stockConflicts]).toEqual([
      409,
      `Only ${left} of Product kettle (Variant 1) are left.`,
      [expect.objectContaining({ variantId: "kettle_v1", requested: left + 1, available: left })],
    ]);
    const unknownItem = await rest(db, "/orders", {
      method: "POST",
      key: every.key,
      body: { ...orderBody("rest-order-000003"), lines: [{ variantId: "nope", quantity: 1 }] },
    });
    expect(unknownItem.status).toBe(400);
    expect(errorOf(unknownItem.body).stockConflicts).toBeNull();
    expect(errorOf(unknownItem.body).fieldErrors).toEqual({ lines: ["no such item: nope"] });
    const invalid = await rest(db, "/orders", {
      method: "POST",
      key: every.key,
      body: {
        email: "not-an-email",
        address: { ...address, country: "ZZ" },
        idempotencyKey: "short",
        lines: [],
      },
    });
    expect(invalid.status).toBe(400);
    expect(Object.keys(errorOf(invalid.body).fieldErrors ?? {}).sort()).toEqual([
      "address.country",
      "email",
      "idempotencyKey",
      "lines",
    ]);
    const noShipping = await rest(db, "/orders", {
      method: "POST",
      key: every.key,
      body: { ...orderBody("rest-order-000004"), shippingRate: "teleport" },
    });
    expect(noShipping.status).toBe(400);
    expect(errorOf(noShipping.body).fieldErrors).toHaveProperty("shippingRate");
    expect(await db.order.count()).toBe(count);
  });

  it("marks a paid order shipped once; an unpaid one or a second time is refused", async () => {
    const placed = await rest(db, "/orders", {
      method: "POST",
      key: every.key,
      body: orderBody("rest-order-000005"),
    });
    const { id } = placed.body as { id: string };
    const unpaid = await rest(db, `/orders/${id}/fulfilment`, {
      method: "POST",
      key: every.key,
      body: { carrier: "UPS", trackingNumber: "1Z999" },
    });
    expect(unpaid.status).toBe(409);

    await db.order.update({
      where: { id },
      data: { status: "PAID", paidAt: new Date(), reservedUntil: null },
    });
    const shipped = await rest(db, `/orders/${id}/fulfilment`, {
      method: "POST",
      key: every.key,
      body: { carrier: "UPS", trackingNumber: "1Z999" },
    });
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ id, status: "FULFILLED", carrier: "UPS", trackingNumber: "1Z999" });
    expect((shipped.body as { fulfilledAt: string | null }).fulfilledAt).not.toBeNull();
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "order.fulfilled", targetId: id } });
    expect(audit.actorId).toBe(every.id);

    const again = await rest(db, `/orders/${id}/fulfilment`, {
      method: "POST",
      key: every.key,
      body: { trackingNumber: "1Z999" },
    });
    expect(again.status).toBe(409);
    expect(errorOf(again.body).message).toContain("already marked shipped");
  });
});

describe("one definition, two protocols", () => {
  it("leaves the tRPC procedures' schemas as strict as they were after REST calls", async () => {
    // The REST adapter makes query and body numbers accept text on the schema it is given.
    const viaRest = await rest(db, "/stock/kettle_v0/adjustments", {
      method: "POST",
      key: every.key,
      body: { delta: "1", reason: "RECEIVED" },
    });
    expect(viaRest.status).toBe(200);
    const viaTrpc = await callHttp(db, "admin.stock.adjust", {
      mutation: true,
      token: people.staff.token,
      input: { variantId: "kettle_v0", delta: "1", reason: "RECEIVED" },
    });
    expect(viaTrpc.status).toBe(400);
    expect(viaTrpc.error?.data.fieldErrors).toHaveProperty("delta");
    const listed = await callHttp(db, "catalog.products", { input: { limit: "1" } });
    expect(listed.status).toBe(400);
  });
});

describe("HTTP", () => {
  it("answers a body that is not JSON with 415, broken JSON with 400, an undeclared length with 411 and a huge one with 413", async () => {
    const call = (headers: Record<string, string>, body: string) =>
      rest(db, "/stock/kettle_v0/adjustments", { method: "POST", key: every.key, headers, body });
    const form = await call({ "content-type": "text/plain" }, "delta=1");
    expect(form.status).toBe(415);
    expect(errorOf(form.body).code).toBe("UNSUPPORTED_MEDIA_TYPE");
    const broken = await call({}, "{not json");
    expect(broken.status).toBe(400);
    expect(errorOf(broken.body).code).toBe("PARSE_ERROR");
    const large = await call({ "content-length": String(2 * 1024 * 1024) }, "{}");
    expect(large.status).toBe(413);
    expect(errorOf(large.body)).toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      fieldErrors: { input: ["is too large"] },
    });
  });

  it("answers HEAD as GET without a body, keys checked the same", async () => {
    const anonymous = await rest(db, "/products", { method: "HEAD" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toBeNull();
    const allowed = await rest(db, "/products", { method: "HEAD", key: every.key });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toBeNull();
    expect((await rest(db, "/nothing-here", { method: "HEAD", key: every.key })).status).toBe(404);
  });

  it("answers an unknown path with 404 in the same shape", async () => {
    const missing = await rest(db, "/nothing-here", { key: every.key });
    expect(missing.status).toBe(404);
    expect(errorOf(missing.body).code).toBe("NOT_FOUND");
  });

  it("grants CORS only to configured origins", async () => {
    const partner = "https://partner.example";
    const deps = { corsOrigins: [partner] };
    const preflight = await rest(
      db,
      "/products",
      { method: "OPTIONS", headers: { origin: partner, "access-control-request-method": "GET" } },
      deps,
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(partner);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("Authorization");
    const call = await rest(db, "/products", { key: every.key, headers: { origin: partner } }, deps);
    expect(call.headers.get("access-control-allow-origin")).toBe(partner);
    expect(call.headers.get("access-control-expose-headers")).toContain("X-Request-Id");

    const stranger = await rest(
      db,
      "/products",
      {
        method: "OPTIONS",
        headers: { origin: "https://evil.example", "access-control-request-method": "GET" },
      },
      deps,
    );
    expect(stranger.headers.get("access-control-allow-origin")).toBeNull();
    const none = await rest(db, "/products", { key: every.key, headers: { origin: partner } });
    expect(none.headers.get("access-control-allow-origin")).toBeNull();
    expect(none.headers.get("vary")).toBe("Origin");
  });

  it("limits each key on its own, with Retry-After", async () => {
    const rateLimiter = createRateLimiter({
      keyPrefix: `rest-test-${Date.now()}`,
      policies: {
        apiRequest: { ip: { points: 100, durationSeconds: 60 }, account: { points: 3, durationSeconds: 60 } },
      },
    });
    const busy = await makeKey(db, admin.id, ["catalog:read"]);
    const quiet = await makeKey(db, admin.id, ["catalog:read"]);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await rest(db, "/categories", { key: busy.key }, { rateLimiter })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await rest(db, "/categories", { key: busy.key }, { rateLimiter });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(errorOf(limited.body).code).toBe("TOO_MANY_REQUESTS");
    expect((await rest(db, "/categories", { key: quiet.key }, { rateLimiter })).status).toBe(200);
  });
});
