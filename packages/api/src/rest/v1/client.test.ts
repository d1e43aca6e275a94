// A client generated from the OpenAPI document (openapi-typescript types + openapi-fetch) places
// and reads an order. `pnpm typecheck` compiles this file against the generated types, so a
// change to the contract that breaks such a client breaks the build; the first test keeps the
// committed types equal to what the document generates now.
import { readFile } from "node:fs/promises";

import { createTestDatabase } from "@bazaar/db/testing";
import createClient from "openapi-fetch";
import { beforeAll, describe, expect, it } from "vitest";

import { insertCatalog, insertShippingEverywhere, T0 } from "../../../test/catalog-fixtures.ts";
import { makeKey, REST_ORIGIN, restFetch } from "../../../test/rest.ts";
import { generateClientTypes } from "./client-types.ts";
import type { paths } from "./generated/openapi.ts";

const { db } = await createTestDatabase();
await insertCatalog(db, [{ id: "mug", categoryId: "cat_a", createdAt: T0, variants: [[1800, 4]] }]);
await insertShippingEverywhere(db, 400);
const admin = await db.user.create({ data: { email: "admin@example.com", role: "ADMIN" } });

let client: ReturnType<typeof createClient<paths>>;
beforeAll(async () => {
  const { key } = await makeKey(db, admin.id, ["catalog:read", "orders:read", "orders:write"]);
  client = createClient<paths>({
    baseUrl: `${REST_ORIGIN}/api/v1`,
    headers: { authorization: `Bearer ${key}` },
    fetch: restFetch(db),
  });
});

describe("the generated client", () => {
  it("is generated from the document as it is now (run `pnpm --filter @bazaar/api openapi:types`)", async () => {
    const committed = await readFile(new URL("./generated/openapi.ts", import.meta.url), "utf8");
    expect(committed).toBe(await generateClientTypes());
  });

  it("finds a product, places an order for it and reads the order back", async () => {
    const products = await client.GET("/products", { params: { query: { q: "mug", limit: 5 } } });
    expect(products.error).toBeUndefined();
    const variantId = (await client.GET("/products/{slug}", { params: { path: { slug: "mug" } } })).data
      ?.variants[0]?.id;
    expect(variantId).toBe("mug_v0");

    const placed = await client.POST("/orders", {
      body: {
        email: "client@example.com",
        address: {
          name: "Cli Ent",
          line1: "3 Fetch Rd",
          city: "Austin",
          region: "TX",
          postalCode: "73301",
          country: "US",
        },
        idempotencyKey: "generated-client-0001",
        lines: [{ variantId: variantId ?? "", quantity: 2 }],
      },
    });
    expect(placed.response.status).toBe(201);
    const order = placed.data;
    expect(order).toMatchObject({ status: "PENDING_PAYMENT", subtotalAmount: 3600, shippingAmount: 400 });

    const read = await client.GET("/orders/{id}", { params: { path: { id: order?.id ?? "" } } });
    expect(read.data?.number).toBe(order?.number);
    expect(read.data?.lines.map((line) => [line.sku, line.quantity])).toEqual([["MUG-0", 2]]);
    expect(read.data?.totalAmount).toBe(order?.totalAmount);
  });

  it("reads a failure as the documented error", async () => {
    const missing = await client.GET("/orders/{id}", { params: { path: { id: "not-an-order" } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.error.code).toBe("NOT_FOUND");
    const refused = await client.POST("/orders", {
      body: {
        email: "x",
        address: { name: "", line1: "", city: "", postalCode: "", country: "US" },
        idempotencyKey: "k",
        lines: [],
      },
    });
    expect(refused.response.status).toBe(400);
    expect(Object.keys(refused.error?.error.fieldErrors ?? {})).toEqual(
      expect.arrayContaining(["email", "address.name", "idempotencyKey", "lines"]),
    );
  });
});
