import { describe, expect, it } from "vitest";

import { buildCatalog } from "./catalog-data.ts";

const catalog = buildCatalog();
const variants = catalog.products.flatMap((p) => p.variants);
const unique = <T>(items: T[]) => new Set(items).size === items.length;

describe("the seed catalog", () => {
  it("is the same on every build", () => {
    expect(buildCatalog()).toEqual(catalog);
  });

  it("has 300 products across 10 categories, 30 in each", () => {
    expect(catalog.categories).toHaveLength(10);
    expect(catalog.products).toHaveLength(300);
    for (const category of catalog.categories) {
      expect(catalog.products.filter((p) => p.categoryId === category.id)).toHaveLength(30);
    }
  });

  it("uses unique ids, slugs, names and SKUs", () => {
    expect(unique(catalog.categories.map((c) => c.slug))).toBe(true);
    expect(unique(catalog.products.map((p) => p.id))).toBe(true);
    expect(unique(catalog.products.map((p) => p.slug))).toBe(true);
    expect(unique(catalog.products.map((p) => p.name))).toBe(true);
    expect(unique(variants.map((v) => v.sku))).toBe(true);
    expect(unique(variants.map((v) => v.id))).toBe(true);
  });

  it("gives every product a distinct creation time, so newest-first order is stable", () => {
    expect(unique(catalog.products.map((p) => p.createdAt.getTime()))).toBe(true);
  });

  it("prices every variant in whole cents of a valid currency, and never below zero", () => {
    for (const v of variants) {
      expect(Number.isInteger(v.priceAmount) && v.priceAmount > 0, v.sku).toBe(true);
      expect(v.currency).toMatch(/^[A-Z]{3}$/);
      expect(Number.isInteger(v.stockOnHand) && v.stockOnHand >= 0, v.sku).toBe(true);
    }
  });

  it("has exactly 10 products sold out, and a few more with one variant sold out", () => {
    const soldOut = catalog.products.filter((p) => p.variants.every((v) => v.stockOnHand === 0));
    expect(soldOut).toHaveLength(10);
    const partly = catalog.products.filter(
      (p) => p.variants.some((v) => v.stockOnHand === 0) && p.variants.some((v) => v.stockOnHand > 0),
    );
    expect(partly.length).toBeGreaterThan(5);
  });

  it("features 12 products that can be bought, from several categories", () => {
    const featured = catalog.products.filter((p) => p.featured);
    expect(featured).toHaveLength(12);
    expect(featured.every((p) => p.variants.some((v) => v.stockOnHand > 0))).toBe(true);
    expect(new Set(featured.map((p) => p.categoryId)).size).toBeGreaterThan(3);
  });

  it("gives every product 1 to 4 variants and 1 to 3 described images at its own URL", () => {
    for (const p of catalog.products) {
      expect(p.name.trim()).not.toBe("");
      expect(p.description.length).toBeGreaterThan(60);
      expect(p.variants.length).toBeGreaterThanOrEqual(1);
      expect(p.variants.length).toBeLessThanOrEqual(4);
      expect(p.images.length).toBeGreaterThanOrEqual(1);
      expect(p.images.length).toBeLessThanOrEqual(3);
      p.images.forEach((image, i) => {
        expect(image.url).toBe(`/product-images/${p.slug}/${i + 1}.svg`);
        expect(image.alt).toContain(p.name);
      });
    }
  });
});
