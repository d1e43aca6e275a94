import type { MetadataRoute } from "next";

import { shopUrl } from "~/server/app-url";
import { getDb } from "~/server/db";

// Built per request from the live catalog (and APP_URL), never at build time.
export const dynamic = "force-dynamic";

/** The sitemap protocol's limit for one file. */
const MAX_URLS = 50_000;

/**
 * Home, all products, every category and every product, with when each last changed. One file
 * holds at most 50,000 URLs: past that, the most recently changed products are listed (a larger
 * catalog would split into several files under a sitemap index).
 */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const db = getDb();
  const categories = await db.category.findMany({
    select: { slug: true, updatedAt: true },
    orderBy: [{ position: "asc" }, { slug: "asc" }],
  });
  const products = await db.product.findMany({
    where: { status: "PUBLISHED" },
    select: { slug: true, updatedAt: true },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: Math.max(0, MAX_URLS - 2 - categories.length),
  });
  const newest = products[0]?.updatedAt;
  return [
    { url: shopUrl("/"), ...(newest ? { lastModified: newest } : {}), changeFrequency: "daily", priority: 1 },
    {
      url: shopUrl("/products"),
      ...(newest ? { lastModified: newest } : {}),
      changeFrequency: "daily",
      priority: 0.8,
    },
    ...categories.map((category) => ({
      url: shopUrl(`/categories/${category.slug}`),
      lastModified: category.updatedAt,
      changeFrequency: "daily" as const,
      priority: 0.7,
    })),
    ...products.map((product) => ({
      url: shopUrl(`/products/${product.slug}`),
      lastModified: product.updatedAt,
      changeFrequency: "weekly" as const,
      priority: 0.6,
    })),
  ];
}
