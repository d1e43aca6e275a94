// The catalog as a client reaches it: HTTP requests through tRPC's fetch adapter.
import { createDb, type Db } from "@bazaar/db";
import { createTestDatabase } from "@bazaar/db/testing";
import { beforeAll, describe, expect, it } from "vitest";

import { at, insertCatalog } from "../../test/catalog-fixtures.ts";
import { callHttp, type ErrorBody } from "../../test/http.ts";

const { db, url } = await createTestDatabase();

beforeAll(async () => {
  await insertCatalog(db, [
    { id: "p_01", categoryId: "cat_a", createdAt: at(1), variants: [[2500, 3]] },
    { id: "p_02", categoryId: "cat_b", createdAt: at(2), variants: [[900, 0]] },
  ]);
});

function get(procedure: string, input: unknown, options: { db?: Db; headers?: Record<string, string> } = {}) {
  return callHttp(options.db ?? db, procedure, { input, headers: options.headers });
}

describe("catalog over HTTP", () => {
  it("answers a product listing with 200 and superjson data", async () => {
    const { status, body } = await get("catalog.products", { limit: 1 });
    expect(status).toBe(200);
    expect(body).toMatchObject({ result: { data: { json: { items: [{ id: "p_02" }] } } } });
  });

  it.each([
    ["a cursor we never issued", { cursor: "bm9wZQ" }, "cursor", "is not a valid cursor"],
    ["a cursor that is not base64", { cursor: "%%%" }, "cursor", "is not a valid cursor"],
    ["a page size of zero", { limit: 0 }, "limit", "Too small: expected number to be >=1"],
    ["a page size over the maximum", { limit: 61 }, "limit", "Too big: expected number to be <=60"],
    ["a fractional page size", { limit: 2.5 }, "limit", "Invalid input: expected int, received number"],
    [
      "a category slug with capitals",
      { categorySlug: "Books" },
      "categorySlug",
      "must be lowercase letters, digits and single hyphens",
    ],
  ])("rejects %s with a 400 naming the field", async (_, input, field, message) => {
    const { status, body } = await get("catalog.products", input);
    expect(status).toBe(400);
    const { json } = (body as ErrorBody).error;
    expect(json.message).toBe("Invalid input.");
    expect(json.data.code).toBe("BAD_REQUEST");
    expect(json.data.fieldErrors).toEqual({ [field]: [message] });
  });

  it("answers 404 for an unknown product or category", async () => {
    const product = await get("catalog.productBySlug", { slug: "no-such-thing" });
    expect(product.status).toBe(404);
    expect((product.body as ErrorBody).error.json).toMatchObject({
      message: "That product was not found.",
      data: { code: "NOT_FOUND", fieldErrors: null },
    });
    expect((await get("catalog.categoryBySlug", { slug: "no-such-thing" })).status).toBe(404);
    expect((await get("catalog.products", { categorySlug: "no-such-thing" })).status).toBe(404);
  });

  it("answers 400 when a required field is missing", async () => {
    const { status, body } = await get("catalog.productBySlug", {});
    expect(status).toBe(400);
    expect((body as ErrorBody).error.json.data.fieldErrors).toEqual({
      slug: ["Invalid input: expected string, received undefined"],
    });
  });

  it("hides what went wrong inside behind a generic 500 that carries the request id", async () => {
    // A database that answers, but holds none of the shop's tables: an unexpected failure.
    const serverUrl = new URL(url);
    serverUrl.pathname = "/postgres";
    const bare = createDb(serverUrl.toString(), { maxConnections: 1 });
    try {
      const { status, body } = await get("catalog.categories", undefined, {
        db: bare,
        headers: { "x-request-id": "req-test-0001" },
      });
      expect(status).toBe(500);
      const { json } = (body as ErrorBody).error;
      expect(json.message).toBe("Something went wrong on our side.");
      expect(json.data.requestId).toBe("req-test-0001");
      expect(JSON.stringify(body)).not.toMatch(/Category|relation|does not exist|stack/i);
    } finally {
      await bare.$disconnect();
    }
  });

  it("answers 503 with Retry-After, and nothing of the cause, when the database cannot be reached", async () => {
    const broken = createDb("postgresql://nobody:secret@127.0.0.1:1/none", { maxConnections: 1 });
    try {
      const { status, headers, body } = await get("catalog.categories", undefined, {
        db: broken,
        headers: { "x-request-id": "req-test-0002" },
      });
      expect(status).toBe(503);
      expect(headers.get("retry-after")).toBe("2");
      const { json } = (body as ErrorBody).error;
      expect(json.data.code).toBe("SERVICE_UNAVAILABLE");
      expect(json.data.requestId).toBe("req-test-0002");
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|secret|ECONNREFUSED|stack/i);
    } finally {
      await broken.$disconnect();
    }
  });

  it("makes its own request id when the caller's is missing or malformed", async () => {
    const { body } = await get(
      "catalog.productBySlug",
      { slug: "nope" },
      { headers: { "x-request-id": "<bad>" } },
    );
    expect((body as ErrorBody).error.json.data.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
