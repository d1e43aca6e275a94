// Every REST v1 operation, for every kind of key: none, revoked, each single scope, and a staff
// session token (refused: the REST API takes keys only). Exactly the operation's own scope gets
// past the access rule. An operation in the router without a row fails the first test.
import { API_KEY_SCOPES, type ApiKeyScope } from "@bazaar/validators";
import { createTestDatabase } from "@bazaar/db/testing";
import { beforeAll, describe, expect, it } from "vitest";

import { revokeApiKey } from "../src/admin/api-keys/service.ts";
import { restV1Router } from "../src/rest/v1/router.ts";
import { signInPersonas, type Persona, type SignedIn } from "./accounts.ts";
import { insertCatalog, insertShippingEverywhere, T0 } from "./catalog-fixtures.ts";
import { makeKey, rest } from "./rest.ts";

interface RestAccessRow {
  procedure: string;
  scope: ApiKeyScope;
  method: "GET" | "POST";
  path: string;
  /** A body that passes the input schema, so the answer shows the access rule. */
  body?: unknown;
}

const ROWS: RestAccessRow[] = [
  { procedure: "products.list", scope: "catalog:read", method: "GET", path: "/products" },
  { procedure: "products.get", scope: "catalog:read", method: "GET", path: "/products/pen" },
  { procedure: "categories", scope: "catalog:read", method: "GET", path: "/categories" },
  { procedure: "search", scope: "catalog:read", method: "GET", path: "/search?q=pen" },
  { procedure: "stock.list", scope: "stock:read", method: "GET", path: "/stock" },
  {
    procedure: "stock.adjust",
    scope: "stock:write",
    method: "POST",
    path: "/stock/pen_v0/adjustments",
    body: { delta: 1, reason: "CORRECTION" },
  },
  { procedure: "orders.list", scope: "orders:read", method: "GET", path: "/orders" },
  {
    procedure: "orders.place",
    scope: "orders:write",
    method: "POST",
    path: "/orders",
    body: {
      email: "matrix@example.com",
      address: { name: "M. Atrix", line1: "4 Grid St", city: "Paris", postalCode: "75001", country: "FR" },
      idempotencyKey: "matrix-order-000001",
      lines: [{ variantId: "pen_v0", quantity: 1 }],
    },
  },
  { procedure: "orders.get", scope: "orders:read", method: "GET", path: "/orders/no-such-order" },
  {
    procedure: "orders.fulfil",
    scope: "fulfilment:write",
    method: "POST",
    path: "/orders/no-such-order/fulfilment",
    body: { trackingNumber: "MATRIX1" },
  },
];

const { db } = await createTestDatabase();
await insertCatalog(db, [{ id: "pen", categoryId: "cat_a", createdAt: T0, variants: [[300, 1000]] }]);
await insertShippingEverywhere(db);

type Caller = "no key" | "revoked key" | "staff session" | ApiKeyScope;
const CALLERS: Caller[] = ["no key", "revoked key", "staff session", ...API_KEY_SCOPES];
const keys = new Map<Caller, string>();
let people: Record<Persona, SignedIn>;

beforeAll(async () => {
  people = await signInPersonas(db);
  for (const scope of API_KEY_SCOPES) keys.set(scope, (await makeKey(db, people.admin.id, [scope])).key);
  const revoked = await makeKey(db, people.admin.id, API_KEY_SCOPES);
  await revokeApiKey(db, people.admin.id, revoked.id, { ip: null, userAgent: null });
  keys.set("revoked key", revoked.key);
  keys.set("staff session", people.staff.token);
});

it("every REST operation has a row", () => {
  expect(ROWS.map((row) => row.procedure).sort()).toEqual(Object.keys(restV1Router._def.procedures).sort());
});

describe.each(ROWS)("$method $path ($scope)", (row) => {
  it.each(CALLERS)("%s", async (caller) => {
    const { status } = await rest(db, row.path, {
      method: row.method,
      key: keys.get(caller) ?? null,
      body: row.body,
    });
    if (caller === "no key" || caller === "revoked key" || caller === "staff session")
      expect(status).toBe(401);
    else if (caller !== row.scope) expect(status).toBe(403);
    // Past the access rule: it runs (200/201), or names nothing that exists (404); never invalid input.
    else expect([200, 201, 404]).toContain(status);
  });
});
