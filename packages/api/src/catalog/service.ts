// The catalog's rules: what a shopper can list, filter, search and look at. Takes a Prisma client
// (or transaction).
import { Prisma, type DbOrTx } from "@bazaar/db";
import { encodeProductCursor, type Money, type ProductCursor, type ProductSort } from "@bazaar/validators";

import { notFound } from "../errors.ts";
import {
  listingCountQuery,
  listingPageQuery,
  listingWhere,
  variantMatch,
  type ListingFilters,
} from "./listing-query.ts";

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
  /** That variant's "was" price, when it is on sale. */
  compareAtFrom: Money | null;
  inStock: boolean;
  image: ProductImageView | null;
}

export interface ProductPage {
  items: ProductCard[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** How many products match in all. */
  total: number;
  /** For a search that found nothing: a query that would find something. */
  didYouMean: string | null;
}

const cardSelect = {
  id: true,
  slug: true,
  name: true,
  createdAt: true,
  category: { select: { slug: true, name: true } },
  variants: { select: { priceAmount: true, compareAtAmount: true, currency: true, stockOnHand: true } },
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
    compareAtFrom:
      cheapest?.compareAtAmount != null
        ? { amount: cheapest.compareAtAmount, currency: cheapest.currency }
        : null,
    inStock: row.variants.some((v) => v.stockOnHand > 0),
    image: row.images[0] ?? null,
  };
}

export interface ListProductsInput {
  categorySlug?: string | undefined;
  q?: string | undefined;
  minPrice?: number | undefined;
  maxPrice?: number | undefined;
  inStock?: boolean | undefined;
  options?: Record<string, string[]> | undefined;
  sort?: ProductSort | undefined;
  cursor?: ProductCursor | null | undefined;
  limit: number;
}

/** The ids of a category and of every category below it. */
async function categoryAndBelow(db: DbOrTx, slug: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE tree AS (
      SELECT "id" FROM "Category" WHERE "slug" = ${slug}
      UNION ALL
      SELECT c."id" FROM "Category" c JOIN tree ON c."parentId" = tree."id"
    )
    SELECT "id" FROM tree`;
  if (rows.length === 0) throw notFound("That category");
  return rows.map((row) => row.id);
}

/**
 * A page of products: filtered (category and below, search words, price range, stock, variant
 * options), sorted (relevance, newest, price), resumable from a cursor that holds the last row's
 * sort key and id, so pages stay stable while products are added.
 */
export async function listProducts(db: DbOrTx, input: ListProductsInput): Promise<ProductPage> {
  const sort = input.sort ?? (input.q ? "relevance" : "newest");
  const filters: ListingFilters = {
    categoryIds: input.categorySlug ? await categoryAndBelow(db, input.categorySlug) : undefined,
    q: input.q,
    minPrice: input.minPrice,
    maxPrice: input.maxPrice,
    inStock: input.inStock,
    options: input.options,
  };
  const [rows, [count]] = await Promise.all([
    db.$queryRaw<{ id: string; sortKey: Date | number }[]>(
      listingPageQuery(filters, sort, input.cursor, input.limit),
    ),
    db.$queryRaw<{ total: number }[]>(listingCountQuery(filters)),
  ]);
  const page = rows.slice(0, input.limit);
  const cards = await db.product.findMany({
    where: { id: { in: page.map((r) => r.id) } },
    select: cardSelect,
  });
  const byId = new Map(cards.map((card) => [card.id, card]));
  const last = page.at(-1);
  const total = count?.total ?? 0;
  return {
    items: page.flatMap((row) => {
      const card = byId.get(row.id);
      return card ? [toCard(card)] : [];
    }),
    nextCursor:
      rows.length > input.limit && last
        ? encodeProductCursor({
            sort,
            key: last.sortKey instanceof Date ? last.sortKey.toISOString() : Number(last.sortKey),
            id: last.id,
          })
        : null,
    total,
    didYouMean: total === 0 && input.q ? await closestName(db, input.q) : null,
  };
}

/** The product name most like a query that found nothing, if any is close at all. */
async function closestName(db: DbOrTx, q: string): Promise<string | null> {
  const [row] = await db.$queryRaw<{ name: string }[]>`
    SELECT "name" FROM "Product"
    WHERE "status" = 'PUBLISHED' AND similarity("name", ${q}) > 0.15
    ORDER BY similarity("name", ${q}) DESC, "name"
    LIMIT 1`;
  return row ? row.name.toLowerCase() : null;
}

export async function listFeaturedProducts(db: DbOrTx, input: { limit: number }): Promise<ProductCard[]> {
  const rows = await db.product.findMany({
    where: { featured: true, status: "PUBLISHED" },
    select: cardSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit,
  });
  return rows.map(toCard);
}

export interface CategoryNode {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** Products in this category and every category below it. */
  productCount: number;
  children: CategoryNode[];
}

/** Every category as a tree in shop order: departments with the categories inside them. */
export async function listCategories(db: DbOrTx): Promise<CategoryNode[]> {
  const rows = await db.category.findMany({
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      parentId: true,
      _count: { select: { products: { where: { status: "PUBLISHED" } } } },
    },
  });
  const nodes = new Map<string, CategoryNode & { parentId: string | null; own: number }>(
    rows.map(({ _count, ...row }) => [
      row.id,
      { ...row, own: _count.products, productCount: 0, children: [] },
    ]),
  );
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const total = (node: CategoryNode & { own?: number }): number =>
    (node.productCount = (node.own ?? 0) + node.children.reduce((sum, child) => sum + total(child), 0));
  roots.forEach(total);
  const clean = ({ id, slug, name, description, productCount, children }: CategoryNode): CategoryNode => ({
    id,
    slug,
    name,
    description,
    productCount,
    children: children.map(clean),
  });
  return roots.map(clean);
}

export async function getCategoryBySlug(db: DbOrTx, slug: string) {
  const category = await db.category.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      parent: { select: { slug: true, name: true } },
      children: { select: { slug: true, name: true }, orderBy: [{ position: "asc" }, { name: "asc" }] },
    },
  });
  if (!category) throw notFound("That category");
  return category;
}

export async function getProductBySlug(db: DbOrTx, slug: string) {
  const product = await db.product.findUnique({
    where: { slug, status: "PUBLISHED" },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      updatedAt: true,
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
          compareAtAmount: true,
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
    variants: product.variants.map(
      ({ priceAmount, compareAtAmount, currency, stockOnHand, options, ...variant }) => ({
        ...variant,
        options: (options ?? {}) as Record<string, string>,
        price: { amount: priceAmount, currency } satisfies Money,
        compareAt: compareAtAmount === null ? null : ({ amount: compareAtAmount, currency } satisfies Money),
        // Shoppers see whether they can buy it, and "only N left" when few are; not the warehouse count.
        inStock: stockOnHand > 0,
        stockLeft: stockOnHand > 0 && stockOnHand <= LOW_STOCK ? stockOnHand : null,
      }),
    ),
  };
}

/** At or below this many, a product page says "only N left". */
export const LOW_STOCK = 5;

/** Products like this one: the same category first, then its department, best sellers later. */
export async function listRelatedProducts(
  db: DbOrTx,
  input: { slug: string; limit: number },
): Promise<ProductCard[]> {
  const product = await db.product.findUnique({
    where: { slug: input.slug, status: "PUBLISHED" },
    select: { id: true, categoryId: true, category: { select: { parentId: true } } },
  });
  if (!product) throw notFound("That product");
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT p."id" FROM "Product" p JOIN "Category" c ON c."id" = p."categoryId"
    WHERE p."id" <> ${product.id} AND p."status" = 'PUBLISHED'
      AND (p."categoryId" = ${product.categoryId} OR (c."parentId" IS NOT NULL AND c."parentId" = ${product.category.parentId}))
    ORDER BY (p."categoryId" = ${product.categoryId}) DESC, p."inStock" DESC, p."createdAt" DESC, p."id" DESC
    LIMIT ${input.limit}`;
  const cards = await db.product.findMany({
    where: { id: { in: rows.map((r) => r.id) } },
    select: cardSelect,
  });
  const byId = new Map(cards.map((card) => [card.id, card]));
  return rows.flatMap((row) => {
    const card = byId.get(row.id);
    return card ? [toCard(card)] : [];
  });
}

export interface ProductFacets {
  /** Each variant option (size, colour ...) with its values and how many products have each. */
  options: { name: string; values: { value: string; count: number }[] }[];
  /** The price range of the matching products' variants. */
  price: { min: number; max: number; currency: string } | null;
}

/**
 * What the filter panel offers: every option value in the category and search. Each option's
 * counts apply every other filter but not its own, so ticking "M" leaves "L" visible with the
 * number "M or L" would add; the price range ignores the price bounds.
 */
export async function getProductFacets(
  db: DbOrTx,
  input: {
    categorySlug?: string | undefined;
    q?: string | undefined;
    minPrice?: number | undefined;
    maxPrice?: number | undefined;
    inStock?: boolean | undefined;
    options?: Record<string, string[]> | undefined;
  },
): Promise<ProductFacets> {
  const filters: ListingFilters = {
    categoryIds: input.categorySlug ? await categoryAndBelow(db, input.categorySlug) : undefined,
    q: input.q,
    minPrice: input.minPrice,
    maxPrice: input.maxPrice,
    inStock: input.inStock,
    options: input.options,
  };
  // Products in the category and matching the search; the variant-level filters then apply to the
  // variant being counted, so "Navy" counts products with a Navy variant that is also size M and
  // in stock when those are ticked.
  const products = Prisma.sql`SELECT p."id" FROM "Product" p ${listingWhere({ categoryIds: filters.categoryIds, q: filters.q })}`;
  // Every value in the category and search is listed, with 0 where the filters leave none: the
  // panel keeps its shape as filters change, and a client learns every option name from one call.
  const counts = (f: ListingFilters, only?: string) => {
    const variant = variantMatch(f, { stockAlone: true }) ?? Prisma.sql`TRUE`;
    return db.$queryRaw<{ name: string; value: string; count: number }[]>`
      SELECT o."key" AS "name", o."value",
             (count(DISTINCT v."productId") FILTER (WHERE ${variant}))::int AS "count"
      FROM "ProductVariant" v, jsonb_each_text(v."options") o
      WHERE v."productId" IN (${products})
        ${only === undefined ? Prisma.empty : Prisma.sql`AND o."key" = ${only}`}
      GROUP BY o."key", o."value"
      ORDER BY o."key", o."value"`;
  };
  const filtered = Object.keys(input.options ?? {});
  const withoutOption = (name: string): ListingFilters => ({
    ...filters,
    options: Object.fromEntries(Object.entries(input.options ?? {}).filter(([key]) => key !== name)),
  });
  const priceScope = variantMatch(
    { ...filters, minPrice: undefined, maxPrice: undefined },
    { stockAlone: true },
  );
  const [all, own, [price]] = await Promise.all([
    counts(filters),
    Promise.all(filtered.map((name) => counts(withoutOption(name), name))),
    db.$queryRaw<{ min: number | null; max: number | null; currency: string | null }[]>`
      SELECT min(v."priceAmount")::int AS "min", max(v."priceAmount")::int AS "max", min(v."currency") AS "currency"
      FROM "ProductVariant" v
      WHERE v."productId" IN (${products}) ${priceScope ? Prisma.sql`AND ${priceScope}` : Prisma.empty}`,
  ]);
  const rows = [...all.filter((row) => !filtered.includes(row.name)), ...own.flat()];
  const byName = new Map<string, { value: string; count: number }[]>();
  for (const row of rows)
    byName.set(row.name, [...(byName.get(row.name) ?? []), { value: row.value, count: row.count }]);
  return {
    options: [...byName]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, values]) => ({ name, values: sortOptionValues(values) })),
    price:
      price?.min != null && price.max != null && price.currency
        ? { min: price.min, max: price.max, currency: price.currency.trim() }
        : null,
  };
}

/** Sizes in size order (XS … XL, EU 38 … 45), anything else alphabetically. */
const SIZE_ORDER = ["XXS", "XS", "S", "M", "L", "XL", "XXL"];
function sortOptionValues(values: { value: string; count: number }[]) {
  const rank = (value: string) => {
    const index = SIZE_ORDER.indexOf(value);
    return index === -1 ? SIZE_ORDER.length : index;
  };
  return [...values].sort(
    (a, b) => rank(a.value) - rank(b.value) || a.value.localeCompare(b.value, "en", { numeric: true }),
  );
}

export interface SearchSuggestions {
  products: { slug: string; name: string; priceFrom: Money }[];
  categories: { slug: string; name: string }[];
}

/** Search-as-you-type: names that contain what was typed, or are close to it (typos). */
export async function suggest(db: DbOrTx, input: { q: string; limit: number }): Promise<SearchSuggestions> {
  const contains = `%${input.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  const [products, categories] = await Promise.all([
    db.$queryRaw<{ slug: string; name: string; priceFrom: number; currency: string }[]>`
      SELECT p."slug", p."name", p."priceFrom",
        (SELECT v."currency" FROM "ProductVariant" v WHERE v."productId" = p."id" LIMIT 1) AS "currency"
      FROM "Product" p
      WHERE p."status" = 'PUBLISHED' AND (p."name" ILIKE ${contains} OR ${input.q} <% p."name")
      ORDER BY (p."name" ILIKE ${contains}) DESC, word_similarity(${input.q}, p."name") DESC, p."name"
      LIMIT ${input.limit}`,
    db.$queryRaw<{ slug: string; name: string }[]>`
      SELECT "slug", "name" FROM "Category"
      WHERE "name" ILIKE ${contains} OR ${input.q} <% "name"
      ORDER BY word_similarity(${input.q}, "name") DESC, "name"
      LIMIT 3`,
  ]);
  return {
    products: products.map((p) => ({
      slug: p.slug,
      name: p.name,
      priceFrom: { amount: p.priceFrom, currency: (p.currency ?? "USD").trim() },
    })),
    categories,
  };
}
