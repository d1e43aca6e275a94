import { encodeProductCursor } from "@bazaar/validators";
import { describe, expect, it } from "vitest";

import {
  effectiveSort,
  hasFilters,
  listingQueryString,
  parseListingParams,
  sortChoices,
  toListingInput,
} from "./listing-params";

const parse = (query: string) => parseListingParams(new URLSearchParams(query));

describe("parseListingParams", () => {
  it("reads every filter from the URL", () => {
    expect(parse("q=linen+shirt&min=12.50&max=40&stock=1&size=M&size=L&colour=Navy&sort=price-asc")).toEqual({
      params: {
        q: "linen shirt",
        min: 1250,
        max: 4000,
        inStock: true,
        options: { size: ["M", "L"], colour: ["Navy"] },
        sort: "price-asc",
      },
      problems: [],
    });
  });

  it("takes Next's searchParams object as well as URLSearchParams", () => {
    expect(
      parseListingParams({ size: ["M", "L"], min: "5", stock: "on", nothing: undefined }).params,
    ).toEqual({
      min: 500,
      inStock: true,
      options: { size: ["M", "L"] },
    });
  });

  it("is the plain listing for an empty URL or blank fields (what an untouched form submits)", () => {
    const plain = { params: { inStock: false, options: {} }, problems: [] };
    expect(parse("")).toEqual(plain);
    expect(parse("q=&min=&max=&sort=&category=")).toEqual(plain);
    expect(parse("q=%20%20")).toEqual(plain);
  });

  it("ignores a malformed price and says so", () => {
    const { params, problems } = parse("min=abc&max=-4&stock=0");
    expect(params).toEqual({ inStock: false, options: {} });
    expect(problems).toEqual([
      "The minimum price “abc” is not an amount like 12.50, so it was ignored.",
      "The maximum price “-4” is not an amount like 12.50, so it was ignored.",
    ]);
  });

  it("swaps a minimum above the maximum", () => {
    expect(parse("min=40&max=12.5").params).toMatchObject({ min: 1250, max: 4000 });
  });

  it("ignores an unknown sort with a message, and 'best match' without a search silently", () => {
    expect(parse("sort=cheapest")).toEqual({
      params: { inStock: false, options: {} },
      problems: ["There is no sort order “cheapest”; showing the usual order."],
    });
    expect(parse("sort=relevance")).toEqual({ params: { inStock: false, options: {} }, problems: [] });
    expect(parse("q=mug&sort=relevance").params.sort).toBe("relevance");
  });

  it("keeps a cursor only when it is well formed and belongs to the sort in force", () => {
    const newest = encodeProductCursor({ sort: "newest", key: "2026-11-01T00:00:00.000Z", id: "p1" });
    const cheapest = encodeProductCursor({ sort: "price-asc", key: 1250, id: "p1" });
    expect(parse(`cursor=${newest}`).params.cursor).toBe(newest);
    expect(parse(`cursor=${cheapest}&sort=price-asc`).params.cursor).toBe(cheapest);
    for (const query of [`cursor=${cheapest}`, "cursor=not-a-cursor", `cursor=${newest}&q=mug`]) {
      const { params, problems } = parse(query);
      expect(params.cursor, query).toBeUndefined();
      expect(problems, query).toEqual(["That page link no longer works; showing the first page instead."]);
    }
  });

  it("passes over parameters that cannot be options (tracking tags, odd names, empty values)", () => {
    expect(parse("utm_source=mail&Size=M&size=&9lives=x").params.options).toEqual({});
    // Well-formed names are kept here; toListingInput drops those the facets do not know.
    expect(parse("ref=mail").params.options).toEqual({ ref: ["mail"] });
  });

  it("bounds what a URL can ask for", () => {
    const many = Array.from({ length: 8 }, (_, i) => `opt${i}=a`).join("&");
    const { params, problems } = parse(many);
    expect(Object.keys(params.options)).toHaveLength(6);
    expect(problems).toEqual(["Only 6 kinds of option can be filtered at once; the rest were ignored."]);
    const values = Array.from({ length: 30 }, (_, i) => `size=v${i}`).join("&");
    expect(parse(values).params.options.size).toHaveLength(20);
    expect(parse(`size=${"x".repeat(61)}`).params.options).toEqual({});
    const long = parse(`q=${"a".repeat(150)}`);
    expect(long.params.q).toHaveLength(100);
    expect(long.problems).toHaveLength(1);
  });

  it("reads a category only when it could be a slug", () => {
    expect(parse("category=kitchen").params.category).toBe("kitchen");
    expect(parse("category=Not_A_Slug")).toEqual({
      params: { inStock: false, options: {} },
      problems: ["There is no category “Not_A_Slug”, so it was ignored."],
    });
  });

  it("de-duplicates repeated values and uses the first of a repeated single parameter", () => {
    expect(parse("size=M&size=M&min=1&min=2").params).toMatchObject({ options: { size: ["M"] }, min: 100 });
  });
});

describe("listingQueryString", () => {
  it("writes a canonical query that parses back to the same view", () => {
    const query = "colour=Navy&sort=price-asc&stock=yes&min=12.5&size=M&size=L&q=shirt";
    const { params } = parse(query);
    const canonical = listingQueryString(params);
    expect(canonical).toBe("?q=shirt&min=12.50&stock=1&colour=Navy&size=M&size=L&sort=price-asc");
    expect(parse(canonical.slice(1)).params).toEqual(params);
  });

  it("is empty for the plain listing", () => {
    expect(listingQueryString({ inStock: false, options: {} })).toBe("");
  });
});

describe("toListingInput", () => {
  it("maps a view to the products procedure's input", () => {
    const { params } = parse("q=mug&min=5&max=20&stock=1&colour=Sage&sort=price-desc");
    expect(toListingInput(params, { categorySlug: "kitchen", limit: 24 })).toEqual({
      categorySlug: "kitchen",
      q: "mug",
      minPrice: 500,
      maxPrice: 2000,
      inStock: true,
      options: { colour: ["Sage"] },
      sort: "price-desc",
      limit: 24,
    });
  });

  it("drops options the listing's facets do not have", () => {
    const { params } = parse("size=M&ref=newsletter");
    expect(toListingInput(params, { optionNames: ["size", "colour"], limit: 24 })).toEqual({
      options: { size: ["M"] },
      limit: 24,
    });
    expect(toListingInput(params, { optionNames: [], limit: 24 })).toEqual({ limit: 24 });
  });

  it("searches within the category the page chose, never one taken from the URL unchecked", () => {
    const { params } = parse("q=mug&category=kitchen");
    expect(toListingInput(params, { limit: 24 }).categorySlug).toBeUndefined();
    expect(toListingInput(params, { categorySlug: "kitchen", limit: 24 }).categorySlug).toBe("kitchen");
  });
});

describe("sorts", () => {
  it("defaults to best match for a search and newest otherwise", () => {
    expect(effectiveSort({ q: "mug" })).toBe("relevance");
    expect(effectiveSort({})).toBe("newest");
    expect(effectiveSort({ sort: "price-asc" })).toBe("price-asc");
  });

  it("offers best match only with a search", () => {
    expect(sortChoices(false).map((c) => c.value)).toEqual(["newest", "price-asc", "price-desc"]);
    expect(sortChoices(true).map((c) => c.value)).toEqual(["relevance", "newest", "price-asc", "price-desc"]);
  });

  it("knows whether a view is filtered", () => {
    expect(hasFilters(parse("q=mug&sort=newest").params)).toBe(false);
    expect(hasFilters(parse("stock=1").params)).toBe(true);
    expect(hasFilters(parse("size=M").params)).toBe(true);
  });
});
