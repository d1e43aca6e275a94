// The catalog's rules: what a shopper can list and look at. Takes a Prisma client (or transaction).
import type { DbOrTx, Prisma } from "@bazaar/db";
import { encodeProductCursor, type Money, type ProductCursor } from "@bazaar/validators";

import { notFound } from "../errors.ts";

export interface ProductImageView {
  url: string;
  alt: string;
  width: number;
  height: number;
}

export interface ProductCard {
  id: string;
  slug: string;
  name: string;
  category: { slug: string; name: string };
  /** The cheapest variant's price: what "from $12" shows. */
  priceFrom: Money;
  inStock: boolean;
  image: ProductImageView | null;
}

export interface ProductPage {
  items: ProductCard[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

const cardSelect = {
  id: true,
  slug: true,
  name: true,
  createdAt: true,
  category: { select: { slug: true, name: true } },
  variants: { select: { priceAmount: true, currency: true, stockOnHand: true } },
  images: {
    select: { url: true, alt: true, width: true, height: true },
    orderBy: { position: "asc" },
    take: 1,
  },
} satisfies Prisma.ProductSelect;

type CardRow = Prisma.ProductGetPayload<{ select: typeof cardSelect }>;

function toCard(row: CardRow): ProductCard {
  const cheapest = row.variants.reduce<CardRow["variants"][number] | undefined>(
    (min, v) => (!min || v.priceAmount < min.priceAmount ? v : min),
    undefined,
  );
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    category: row.category,
    priceFrom: { amount: cheapest?.priceAmount ?? 0, currency: cheapest?.currency ?? "USD" },
    inStock: row.variants.some((v) => v.stockOnHand > 0),
    image: row.images[0] ?? null,
  };
}

/** Newest first, `limit` at a time; stable under inserts because the cursor is (createdAt, id). */
export async function listProducts(
  db: DbOrTx,
  input: { categorySlug?: string; cursor?: ProductCursor | null; limit: number },
): Promise<ProductPage> {
  const where: Prisma.ProductWhereInput = {};
  if (input.categorySlug) {
    const category = await db.category.findUnique({
      where: { slug: input.categorySlug },
      select: { id: true },
    });
    if (!category) throw notFound("That category");
    where.categoryId = category.id;
  }
  if (input.cursor) {
    const { createdAt, id } = input.cursor;
    where.OR = [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }];
  }
  const rows = await db.product.findMany({
    where,
    select: cardSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(toCard),
    nextCursor: rows.length > input.limit && last ? encodeProductCursor(last) : null,
  };
}

export async function listFeaturedProducts(db: DbOrTx, input: { limit: number }): Promise<ProductCard[]> {
  const rows = await db.product.findMany({
    where: { featured: true },
    select: cardSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit,
  });
  return rows.map(toCard);
}

export async function listCategories(db: DbOrTx) {
  const rows = await db.category.findMany({
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { id: true, slug: true, name: true, description: true, _count: { select: { products: true } } },
  });
  return rows.map(({ _count, ...category }) => ({ ...category, productCount: _count.products }));
}

export async function getCategoryBySlug(db: DbOrTx, slug: string) {
  const category = await db.category.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, description: true },
  });
  if (!category) throw notFound("That category");
  return category;
}

export async function getProductBySlug(db: DbOrTx, slug: string) {
  const product = await db.product.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      category: { select: { slug: true, name: true } },
      images: {
        select: { id: true, url: true, alt: true, width: true, height: true },
        orderBy: { position: "asc" },
      },
      variants: {
        select: {
          id: true,
          sku: true,
          name: true,
          options: true,
          priceAmount: true,
          currency: true,
          stockOnHand: true,
        },
        orderBy: { position: "asc" },
      },
    },
  });
  if (!product) throw notFound("That product");
  return {
    ...product,
    variants: product.variants.map(({ priceAmount, currency, stockOnHand, options, ...variant }) => ({
      ...variant,
      options: (options ?? {}) as Record<string, string>,
      price: { amount: priceAmount, currency } satisfies Money,
      // Shoppers see whether they can buy it, not the warehouse count.
      inStock: stockOnHand > 0,
    })),
  };
}
