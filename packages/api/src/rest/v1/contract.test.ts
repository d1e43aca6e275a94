// The contract: the OpenAPI document is valid OpenAPI 3.1, and every documented operation's real
// answers, success and failure, have a status the document lists for it and a body its schema
// accepts. Adding an operation without a request here fails the coverage check at the end.
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { createTestDatabase } from "@bazaar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { insertCatalog, insertShippingEverywhere, T0 } from "../../../test/catalog-fixtures.ts";
import { makeKey, rest, REST_ORIGIN } from "../../../test/rest.ts";
import { restV1Document } from "./document.ts";

const { db } = await createTestDatabase();
await insertCatalog(db, [{ id: "lamp", categoryId: "cat_a", createdAt: T0, variants: [[4500, 5]] }]);
await insertShippingEverywhere(db);
const admin = await db.user.create({ data: { email: "admin@example.com", role: "ADMIN" } });

const document = restV1Document(REST_ORIGIN);

interface ResponseObject {
  content?: { "application/json"?: { schema?: object } };
}
type Operations = Record<string, Record<string, { responses: Record<string, ResponseObject> }>>;
const paths = document.paths as unknown as Operations;

// Formats (date-time, email, uri ...) are checked too, not only types.
const ajv = new Ajv2020({ strict: false, allErrors: true, formats: fullFormats });

/** The documented operation a request lands on: "GET /orders/{id}" for GET /orders/abc. */
function operationOf(method: string, path: string): string | null {
  const bare = path.split("?")[0] ?? path;
  for (const [template, item] of Object.entries(paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    if (pattern.test(bare) && item[method.toLowerCase()]) return `${method} ${template}`;
  }
  return null;
}

const seen = new Map<string, Set<number>>();

/** Call the API and check the answer against the document; returns the body for the next step. */
async function check(
  method: "GET" | "POST",
  path: string,
  call: { key?: string | null; body?: unknown; headers?: Record<string, string> },
  expected: number,
) {
  const response = await rest(db, path, { method, ...call });
  expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBe(expected);
  const operation = operationOf(method, path);
  expect(operation, `${method} ${path} is not documented`).not.toBeNull();
  const [, template = ""] = (operation ?? "").split(" ");
  const documented = paths[template]?.[method.toLowerCase()]?.responses[String(response.status)];
  expect(documented, `${operation} does not document ${response.status}`).toBeDefined();
  const schema = documented?.content?.["application/json"]?.schema;
  expect(schema, `${operation} ${response.status} has no JSON schema`).toBeDefined();
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const validate = ajv.compile({ ...schema, components: document.components });
  const valid = validate(response.body);
  expect(valid, `${operation} ${response.status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  const statuses = seen.get(operation ?? "") ?? new Set<number>();
  statuses.add(response.status);
  seen.set(operation ?? "", statuses);
  return response.body;
}

let key: string;
let catalogOnly: string;
beforeAll(async () => {
  key = (await makeKey(db, admin.id)).key;
  catalogOnly = (await makeKey(db, admin.id, ["catalog:read"])).key;
});

describe("the document", () => {
  it("is valid OpenAPI 3.1 and names every operation's scope and failures", async () => {
    const result = await new Validator().validate(
      JSON.parse(JSON.stringify(document)) as Record<string, unknown>,
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe("3.1.0");
    expect(document.servers).toEqual([{ url: `${REST_ORIGIN}/api/v1` }]);
    // Answers may gain fields inside v1, so no object in the document may forbid them.
    expect(JSON.stringify(document)).not.toContain('"additionalProperties":false');
    for (const [template, item] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const statuses = Object.keys(operation.responses);
        expect(statuses, `${method} ${template}`).toEqual(
          expect.arrayContaining(["400", "401", "403", "429", "500"]),
        );
        if (method === "post") expect(statuses).toEqual(expect.arrayContaining(["409", "413", "415"]));
        if (template.includes("{")) expect(statuses).toContain("404");
      }
    }
  });
});

describe("every operation's answers match the document", () => {
  it("catalog", async () => {
    const page = (await check("GET", "/products?limit=1&inStock=true", { key }, 200)) as {
      items: { slug: string }[];
    };
    expect(page.items).toHaveLength(1);
    await check("GET", "/products?limit=0", { key }, 400);
    await check("GET", "/products", {}, 401);
    await check("GET", "/products/lamp", { key }, 200);
    await check("GET", "/products/nothing-here", { key }, 404);
    await check("GET", "/categories", { key }, 200);
    await check("GET", "/categories", { key: `bzk_${"x".repeat(43)}` }, 401);
    await check("GET", "/search?q=lamp", { key }, 200);
    await check("GET", "/search?q=", { key }, 400);
  });

  it("stock", async () => {
    await check("GET", "/stock?limit=10", { key }, 200);
    await check("GET", "/stock", { key: catalogOnly }, 403);
    await check("POST", "/stock/lamp_v0/adjustments", { key, body: { delta: 3, reason: "RECEIVED" } }, 200);
    await check("POST", "/stock/lamp_v0/adjustments", { key, body: { delta: -100, reason: "DAMAGED" } }, 409);
    await check("POST", "/stock/lamp_v0/adjustments", { key, body: { delta: "many" } }, 400);
    await check("POST", "/stock/nope/adjustments", { key, body: { delta: 1, reason: "RECEIVED" } }, 404);
    await check(
      "POST",
      "/stock/lamp_v0/adjustments",
      { key, body: "x=1", headers: { "content-type": "text/plain" } },
      415,
    );
    await check(
      "POST",
      "/stock/lamp_v0/adjustments",
      { key, body: "{}", headers: { "content-length": String(5 * 1024 * 1024) } },
      413,
    );
  });

  it("orders", async () => {
    const body = {
      email: "contract@example.com",
      address: { name: "C. Tract", line1: "2 Test Way", city: "Leeds", postalCode: "LS1 1AA", country: "GB" },
      idempotencyKey: "contract-order-0001",
      lines: [{ variantId: "lamp_v0", quantity: 1 }],
    };
    const placed = (await check("POST", "/orders", { key, body }, 201)) as { id: string };
    await check(
      "POST",
      "/orders",
      { key, body: { ...body, lines: [{ variantId: "lamp_v0", quantity: 2 }] } },
      422,
    );
    await check(
      "POST",
      "/orders",
      {
        key,
        body: {
          ...body,
          idempotencyKey: "contract-order-0002",
          lines: [{ variantId: "lamp_v0", quantity: 20 }],
        },
      },
      409,
    );
    await check("POST", "/orders", { key, body: { ...body, email: "nope" } }, 400);
    await check("POST", "/orders", { key: catalogOnly, body }, 403);
    await check("GET", "/orders?limit=5", { key }, 200);
    await check("GET", "/orders?from=yesterday", { key }, 400);
    await check("GET", `/orders/${placed.id}`, { key }, 200);
    await check("GET", "/orders/no-such-order", { key }, 404);
    await check("POST", `/orders/${placed.id}/fulfilment`, { key, body: { trackingNumber: "TRK1" } }, 409);
    await db.order.update({
      where: { id: placed.id },
      data: { status: "PAID", paidAt: new Date(), reservedUntil: null },
    });
    await check(
      "POST",
      `/orders/${placed.id}/fulfilment`,
      { key, body: { carrier: "DHL", trackingNumber: "TRK1" } },
      200,
    );
    await check("POST", `/orders/${placed.id}/fulfilment`, { key, body: { trackingNumber: "" } }, 400);
  });
});

afterAll(() => {
  // Every documented operation was called and answered with success at least once.
  const documented = Object.entries(paths).flatMap(([template, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${template}`),
  );
  for (const operation of documented) {
    const statuses = [...(seen.get(operation) ?? [])];
    expect(
      statuses.some((status) => status < 300),
      `${operation} was never answered with success`,
    ).toBe(true);
    expect(
      statuses.some((status) => status >= 400),
      `${operation} was never answered with a failure`,
    ).toBe(true);
  }
});
