import { describe, expect, it } from "vitest";

import { buildCatalog } from "./catalog-data.ts";

const catalog = buildCatalog();
const { categories, products } = catalog;
const variants = products.flatMap((p) => p.variants);
const images = products.flatMap((p) => p.images);

/** The values that occur more than once: empty when all are unique, and a readable failure otherwise. */
function duplicates<T>(items: readonly T[]): T[] {
  const seen = new Set<T>();
  return items.filter((item) => (seen.has(item) ? true : (seen.add(item), false)));
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

describe("the seed catalog", () => {
  it("is the same on every build", () => {
    expect(buildCatalog()).toEqual(catalog);
  });

  it("has 10 categories and 300 products, 30 in each category", () => {
    expect(categories).toHaveLength(10);
    expect(products).toHaveLength(300);
    for (const category of categories) {
      expect(
        products.filter((p) => p.categoryId === category.id),
        category.slug,
      ).toHaveLength(30);
    }
    expect(categories.map((c) => c.position)).toEqual([...categories.keys()].map((i) => i + 1));
  });

  it("uses unique ids, slugs and SKUs in the documented formats", () => {
    expect(duplicates(categories.map((c) => c.id))).toEqual([]);
    expect(duplicates(categories.map((c) => c.slug))).toEqual([]);
    expect(duplicates(products.map((p) => p.id))).toEqual([]);
    expect(duplicates(products.map((p) => p.slug))).toEqual([]);
    expect(duplicates(products.map((p) => p.name))).toEqual([]);
    expect(duplicates(variants.map((v) => v.id))).toEqual([]);
    expect(duplicates(variants.map((v) => v.sku))).toEqual([]);
    expect(duplicates(images.map((i) => i.id))).toEqual([]);

    categories.forEach((c, i) => expect(c.id).toBe(`cat_${String(i + 1).padStart(2, "0")}`));
    products.forEach((p, i) => {
      const number = String(i + 1).padStart(4, "0");
      expect(p.id).toBe(`prod_${number}`);
      p.variants.forEach((v, j) => expect(v.id).toBe(`var_${number}_${j + 1}`));
      p.images.forEach((image, j) => expect(image.id).toBe(`img_${number}_${j + 1}`));
    });
    for (const slug of [...categories, ...products].map((x) => x.slug)) expect(slug).toMatch(SLUG);
    for (const v of variants) expect(v.sku).toMatch(/^[A-Z]{3}-\d{4}(?:-[A-Z0-9]+)*$/);
  });

  it("gives every product a distinct creation time before 2026-11-01, so newest-first order is stable", () => {
    const times = products.map((p) => p.createdAt.getTime());
    expect(duplicates(times)).toEqual([]);
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.UTC(2026, 10, 1));
    expect(times.every((t) => Number.isFinite(t))).toBe(true);
  });

  it("names and describes everything", () => {
    for (const c of categories) {
      expect(c.name.trim()).not.toBe("");
      expect(c.description.trim()).not.toBe("");
    }
    for (const p of products) {
      expect(p.name.trim(), p.id).not.toBe("");
      // Two or three sentences.
      const sentences = p.description.split(/(?<=[.!?])\s+/);
      expect(sentences.length, p.description).toBeGreaterThanOrEqual(2);
      expect(sentences.length, p.description).toBeLessThanOrEqual(3);
      expect(p.description).not.toMatch(/[{}]/);
      for (const v of p.variants) expect(v.name.trim(), v.sku).not.toBe("");
    }
  });

  it("prices every variant in whole cents of a three-letter currency, at a shop-like ending", () => {
    for (const v of variants) {
      expect(Number.isInteger(v.priceAmount) && v.priceAmount >= 0, `${v.sku}: ${v.priceAmount}`).toBe(true);
      expect([0, 50, 99], v.sku).toContain(v.priceAmount % 100);
      expect(v.currency).toMatch(/^[A-Z]{3}$/);
    }
  });

  it("gives every product 1 to 4 variants whose options are plain strings", () => {
    for (const p of products) {
      expect(p.variants.length, p.slug).toBeGreaterThanOrEqual(1);
      expect(p.variants.length, p.slug).toBeLessThanOrEqual(4);
      expect(p.variants.map((v) => v.position)).toEqual([...p.variants.keys()]);
      const optionSets = p.variants.map((v) => JSON.stringify(v.options));
      expect(duplicates(optionSets), p.slug).toEqual([]);
      for (const v of p.variants) {
        expect(Object.values(v.options).every((value) => typeof value === "string" && value !== "")).toBe(
          true,
        );
        expect(Object.keys(v.options).length === 0).toBe(v.name === "Default");
      }
    }
  });

  it("has exactly 10 products sold out, and others with just one option sold out", () => {
    for (const v of variants) {
      expect(Number.isInteger(v.stockOnHand) && v.stockOnHand >= 0 && v.stockOnHand <= 120, v.sku).toBe(true);
    }
    const soldOut = products.filter((p) => p.variants.every((v) => v.stockOnHand === 0));
    expect(soldOut).toHaveLength(10);
    const partly = products.filter(
      (p) => p.variants.some((v) => v.stockOnHand === 0) && p.variants.some((v) => v.stockOnHand > 0),
    );
    expect(partly.length).toBeGreaterThanOrEqual(5);
    // Mostly in stock.
    expect(variants.filter((v) => v.stockOnHand > 0).length / variants.length).toBeGreaterThan(0.8);
  });

  it("features about a dozen buyable products spread over the categories", () => {
    const featured = products.filter((p) => p.featured);
    expect(featured.length).toBeGreaterThanOrEqual(10);
    expect(featured.length).toBeLessThanOrEqual(14);
    expect(featured.every((p) => p.variants.some((v) => v.stockOnHand > 0))).toBe(true);
    expect(new Set(featured.map((p) => p.categoryId)).size).toBeGreaterThanOrEqual(8);
  });

  it("gives every product 1 to 3 described 800×800 images at URLs under its own slug", () => {
    for (const p of products) {
      expect(p.images.length, p.slug).toBeGreaterThanOrEqual(1);
      expect(p.images.length, p.slug).toBeLessThanOrEqual(3);
      p.images.forEach((image, i) => {
        expect(image.url).toBe(`/media/placeholders/${p.slug}-${i + 1}.png`);
        expect(image.position).toBe(i);
        expect(image.alt).toContain(p.name);
        expect([image.width, image.height]).toEqual([800, 800]);
      });
    }
  });
});

describe("departments and sales", () => {
  it("groups seven categories into three departments; the rest stand alone", () => {
    expect(catalog.departments.map((d) => d.slug)).toEqual([
      "clothing-and-shoes",
      "home-and-kitchen",
      "play-and-outdoors",
    ]);
    const inside = categories.filter((c) => c.parentId !== null);
    expect(inside).toHaveLength(7);
    const departmentIds = new Set(catalog.departments.map((d) => d.id));
    expect(inside.every((c) => departmentIds.has(c.parentId ?? ""))).toBe(true);
  });

  it("puts some products on sale, always with the was-price above the price", () => {
    const variants = products.flatMap((p) => p.variants);
    const onSale = variants.filter((v) => v.compareAtAmount !== null);
    expect(onSale.length).toBeGreaterThan(20);
    expect(onSale.every((v) => (v.compareAtAmount ?? 0) > v.priceAmount)).toBe(true);
  });
});
