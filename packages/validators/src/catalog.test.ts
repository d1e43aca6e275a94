import { describe, expect, it } from "vitest";

import { encodeProductCursor, productCursorSchema, productListInput, slugSchema } from "./catalog.ts";

describe("product cursors", () => {
  it.each([
    { sort: "newest", key: "2026-03-04T05:06:07.089Z", id: "prod_0042" },
    { sort: "price-asc", key: 1999, id: "prod_0042" },
    { sort: "relevance", key: 0.6079271078109741, id: "prod_0042" },
  ] as const)("decode to exactly what was encoded ($sort)", (cursor) => {
    expect(productCursorSchema.parse(encodeProductCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ["not base64 at all", "%%%"],
    ["base64 of something else", btoa("hello")],
    ["a JSON payload of the wrong shape", btoa(JSON.stringify({ id: "x" }))],
    ["a bad date", btoa(JSON.stringify(["newest", "yesterday", "prod_1"]))],
    ["an unknown sort", btoa(JSON.stringify(["cheapest", 5, "prod_1"]))],
    [
      "an id with odd characters",
      btoa(JSON.stringify(["newest", "2026-01-01T00:00:00.000Z", "'; drop table"])),
    ],
    ["something far too long", "a".repeat(300)],
  ])("reject %s with an error on the cursor", (_, value) => {
    const result = productListInput.safeParse({ cursor: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["cursor"]);
  });
});

describe("product list input", () => {
  it("defaults the page size and accepts no cursor", () => {
    expect(productListInput.parse({})).toEqual({ limit: 24 });
    expect(productListInput.parse({ cursor: null, limit: 5 })).toEqual({ cursor: null, limit: 5 });
  });

  it.each([0, 61, 2.5])("rejects a page size of %s", (limit) => {
    expect(productListInput.safeParse({ limit }).error?.issues[0]?.path).toEqual(["limit"]);
  });
});

describe("slugs", () => {
  it.each(["kitchen", "walnut-board-2", "a"])("accept %s", (slug) => {
    expect(slugSchema.parse(slug)).toBe(slug);
  });

  it.each(["", "Upper", "two--hyphens", "-leading", "trailing-", "spa ce", "x".repeat(121)])(
    "reject %j",
    (slug) => {
      expect(slugSchema.safeParse(slug).success).toBe(false);
    },
  );
});
