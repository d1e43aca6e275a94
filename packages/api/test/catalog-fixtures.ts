// A small, exactly known catalog for tests that assert on order, prices and stock.
import type { Db } from "@bazaar/db";

export const T0 = new Date("2026-01-01T00:00:00.000Z");
export const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

/** A US address the seeded checkout rates (seedCheckoutRates) offer "standard" shipping to. */
export const US_ADDRESS = {
  name: "Sam",
  line1: "1 Main St",
  city: "Oakland",
  region: "CA",
  postalCode: "94607",
  country: "US",
};

interface FixtureProduct {
  id: string;
  categoryId: string;
  createdAt: Date;
  featured?: boolean;
  /** [priceAmount, stockOnHand] per variant, in position order. */
  variants: [number, number][];
}

export async function insertCatalog(db: Db, products: FixtureProduct[]) {
  await db.category.createMany({
    data: [
      { id: "cat_a", slug: "apparel", name: "Apparel", description: "Clothes.", position: 1 },
      { id: "cat_b", slug: "books", name: "Books", description: "Books.", position: 2 },
      { id: "cat_c", slug: "candles", name: "Candles", description: "Empty for now.", position: 3 },
    ],
  });
  await db.product.createMany({
    data: products.map((p) => ({
      id: p.id,
      slug: p.id.replaceAll("_", "-"),
      name: `Product ${p.id}`,
      description: `About ${p.id}.`,
      categoryId: p.categoryId,
      createdAt: p.createdAt,
      featured: p.featured ?? false,
    })),
  });
  await db.productVariant.createMany({
    data: products.flatMap((p) =>
      p.variants.map(([priceAmount, stockOnHand], position) => ({
        id: `${p.id}_v${position}`,
        productId: p.id,
        sku: `${p.id}-${position}`.toUpperCase(),
        name: `Variant ${position}`,
        options: { size: ["S", "M", "L"][position] ?? "XL" },
        priceAmount,
        currency: "USD",
        stockOnHand,
        position,
      })),
    ),
  });
  await db.productImage.createMany({
    data: products.map((p) => ({
      productId: p.id,
      url: `/media/placeholders/${p.id.replaceAll("_", "-")}-1.png`,
      alt: `Picture of ${p.id}`,
      width: 800,
      height: 800,
    })),
  });
}

/** One shipping rate, in USD, for every country. */
export async function insertShippingEverywhere(db: Db, amount = 500) {
  await db.shippingRate.create({
    data: {
      code: "standard",
      name: "Standard",
      amount,
      currency: "USD",
      countries: [],
      minDays: 3,
      maxDays: 5,
    },
  });
}
