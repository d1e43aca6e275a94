// The SQL behind product listings and search, built from a parsed listing input. Kept apart from
// the service so the benchmark's bare node:http + pg server runs exactly the same statements.
import { Prisma } from "@bazaar/db";
import type { ProductCursor, ProductSort } from "@bazaar/validators";

export interface ListingFilters {
  /** The category and every category below it. */
  categoryIds?: string[] | undefined;
  q?: string | undefined;
  minPrice?: number | undefined;
  maxPrice?: number | undefined;
  inStock?: boolean | undefined;
  options?: Record<string, string[]> | undefined;
}

/**
 * The products matching the filters. A product matches when one of its variants matches every
 * variant-level filter together (size M, in stock and under $40 is one variant, not three).
 */
export function listingWhere(filters: ListingFilters): Prisma.Sql {
  // Drafts and archived products never reach the storefront.
  const conditions: Prisma.Sql[] = [Prisma.sql`p."status" = 'PUBLISHED'`];
  if (filters.categoryIds) conditions.push(Prisma.sql`p."categoryId" = ANY(${filters.categoryIds})`);
  if (filters.q) {
    // Words (stemmed, ranked) or, for typos, a name whose words are close enough to the query's
    // (`<%`: word similarity above the connection's threshold, SEARCH_SIMILARITY_THRESHOLD in
    // @bazaar/db; both sides are served by GIN indexes).
    conditions.push(Prisma.sql`(p."searchVector" @@ websearch_to_tsquery('english', ${filters.q})
      OR ${filters.q} <% p."name")`);
  }
  const variant = variantMatch(filters);
  if (variant) {
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "ProductVariant" v WHERE v."productId" = p."id" AND ${variant})`,
    );
  } else if (filters.inStock) {
    conditions.push(Prisma.sql`p."inStock"`);
  }
  return Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}`;
}

/**
 * What one variant `v` must satisfy for the variant-level filters (price range, options, and in
 * stock when combined with them), or null when there are none.
 */
export function variantMatch(filters: ListingFilters, options = { stockAlone: false }): Prisma.Sql | null {
  const conditions: Prisma.Sql[] = [];
  if (filters.minPrice !== undefined) conditions.push(Prisma.sql`v."priceAmount" >= ${filters.minPrice}`);
  if (filters.maxPrice !== undefined) conditions.push(Prisma.sql`v."priceAmount" <= ${filters.maxPrice}`);
  for (const [name, values] of Object.entries(filters.options ?? {})) {
    const any = values.map((value) => Prisma.sql`v."options" @> ${JSON.stringify({ [name]: value })}::jsonb`);
    conditions.push(Prisma.sql`(${Prisma.join(any, " OR ")})`);
  }
  // Alone, "in stock" is answered by Product."inStock"; with other variant filters it must hold
  // for the same variant.
  if (filters.inStock && (conditions.length > 0 || options.stockAlone))
    conditions.push(Prisma.sql`v."stockOnHand" > 0`);
  return conditions.length > 0 ? Prisma.join(conditions, " AND ") : null;
}

/** The sort key of each row, as the cursor carries it. */
function sortKey(sort: ProductSort, q: string | undefined): Prisma.Sql {
  switch (sort) {
    case "relevance":
      // Weighted word matches, plus name similarity so typo'd matches rank too. float8 so the
      // value survives the trip through JSON and back exactly.
      return Prisma.sql`(ts_rank_cd(p."searchVector", websearch_to_tsquery('english', ${q ?? ""}))
        + word_similarity(${q ?? ""}, p."name"))::float8`;
    case "newest":
      return Prisma.sql`p."createdAt"`;
    case "price-asc":
    case "price-desc":
      return Prisma.sql`p."priceFrom"`;
  }
}

const descending = (sort: ProductSort) => sort !== "price-asc";

/** One page of matching products (ids and sort keys), `limit + 1` rows to tell if more follow. */
export function listingPageQuery(
  filters: ListingFilters,
  sort: ProductSort,
  cursor: ProductCursor | null | undefined,
  limit: number,
): Prisma.Sql {
  const dir = descending(sort) ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const after = cursor
    ? (() => {
        const key = sort === "newest" ? new Date(String(cursor.key)) : Number(cursor.key);
        return descending(sort)
          ? Prisma.sql`WHERE (m."sortKey" < ${key} OR (m."sortKey" = ${key} AND m."id" < ${cursor.id}))`
          : Prisma.sql`WHERE (m."sortKey" > ${key} OR (m."sortKey" = ${key} AND m."id" > ${cursor.id}))`;
      })()
    : Prisma.empty;
  return Prisma.sql`
    WITH m AS (
      SELECT p."id", ${sortKey(sort, filters.q)} AS "sortKey"
      FROM "Product" p
      ${listingWhere(filters)}
    )
    SELECT m."id", m."sortKey" FROM m
    ${after}
    ORDER BY m."sortKey" ${dir}, m."id" ${dir}
    LIMIT ${limit + 1}`;
}

/** How many products match, for "123 products". */
export function listingCountQuery(filters: ListingFilters): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS "total" FROM "Product" p ${listingWhere(filters)}`;
}
