// The ceiling for `pnpm bench`: a bare node:http + pg server with nothing but the SQL, started as a
// process of its own (like `next start`) by run.ts. It answers the same URLs as the app:
//
// - GET /api/trpc/catalog.products?input=...: the listing and search. Runs the service's own page
//   and count statements (listingPageQuery and listingCountQuery from @bazaar/api, two pool
//   connections at once, as listProducts does), then CARDS_SQL: one statement standing in for
//   listProducts' Prisma findMany of the cards (product, category, cheapest variant, stock, first
//   image). The reply has the app's shape ({ result: { data: { json: page } } }).
// - GET /products/<slug>: the product with its category, variants and images as JSON, from one
//   statement. A lower bound on the work of the product page, not an equivalent: no HTML, no React.
// - GET /health.
//
// Not handled, because the benchmark never asks for them: filters other than `q`, cursors, and
// "did you mean" (run.ts checks that its search finds products).
import http from "node:http";
import pg from "pg";

import { listingCountQuery, listingPageQuery } from "@bazaar/api/catalog/listing-query";
import { CONNECTION_OPTIONS } from "@bazaar/db";
import { encodeProductCursor, type ProductSort } from "@bazaar/validators";

import { readBareServerEnv } from "./env.ts";

const env = readBareServerEnv();
// The same session settings as the app's connections (the search's typo threshold).
const pool = new pg.Pool({
  connectionString: env.DATABASE_URL,
  max: env.BARE_POOL_SIZE,
  options: CONNECTION_OPTIONS,
});

// The cards of one page, in one statement: what the service's findMany(cardSelect) + toCard give.
// The cheapest variant carries the price (ties: the lower position); in stock = any variant is.
const CARDS_SQL = `
  SELECT p."id", p."slug", p."name", c."slug" AS "categorySlug", c."name" AS "categoryName",
         v."priceAmount", v."compareAtAmount", v."currency", v."inStock",
         i."url", i."alt", i."width", i."height"
  FROM "Product" p
  JOIN "Category" c ON c."id" = p."categoryId"
  LEFT JOIN LATERAL (
    SELECT v."priceAmount", v."compareAtAmount", v."currency",
           bool_or(v."stockOnHand" > 0) OVER () AS "inStock"
    FROM "ProductVariant" v WHERE v."productId" = p."id"
    ORDER BY v."priceAmount", v."position" LIMIT 1
  ) v ON true
  LEFT JOIN LATERAL (
    SELECT i."url", i."alt", i."width", i."height"
    FROM "ProductImage" i WHERE i."productId" = p."id"
    ORDER BY i."position" LIMIT 1
  ) i ON true
  WHERE p."id" = ANY($1)`;

const PRODUCT_SQL = `
  SELECT p."id", p."slug", p."name", p."description", p."updatedAt",
         json_build_object('slug', c."slug", 'name', c."name") AS "category",
         coalesce((
           SELECT json_agg(json_build_object('id', i."id", 'url', i."url", 'alt', i."alt",
                                             'width', i."width", 'height', i."height") ORDER BY i."position")
           FROM "ProductImage" i WHERE i."productId" = p."id"), '[]') AS "images",
         coalesce((
           SELECT json_agg(json_build_object('id', v."id", 'sku', v."sku", 'name', v."name",
                                             'options', v."options", 'priceAmount', v."priceAmount",
                                             'compareAtAmount', v."compareAtAmount", 'currency', v."currency",
                                             'stockOnHand', v."stockOnHand") ORDER BY v."position")
           FROM "ProductVariant" v WHERE v."productId" = p."id"), '[]') AS "variants"
  FROM "Product" p JOIN "Category" c ON c."id" = p."categoryId"
  WHERE p."slug" = $1`;

interface CardRow {
  id: string;
  slug: string;
  name: string;
  categorySlug: string;
  categoryName: string;
  priceAmount: number | null;
  compareAtAmount: number | null;
  currency: string | null;
  inStock: boolean | null;
  url: string | null;
  alt: string | null;
  width: number | null;
  height: number | null;
}

interface ListingInput {
  q?: string;
  limit: number;
}

/** The `input` query parameter as the tRPC client sends it: superjson's `{ json: {...} }`. */
function parseListingInput(raw: string | null): ListingInput | null {
  try {
    const { json } = JSON.parse(raw ?? "{}") as { json?: { q?: unknown; limit?: unknown } };
    const limit = json?.limit ?? 24;
    const q = typeof json?.q === "string" ? json.q.trim() : undefined;
    if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > 60) return null;
    if (q !== undefined && q.length > 100) return null;
    return q ? { q, limit } : { limit };
  } catch {
    return null;
  }
}

async function listing(input: ListingInput) {
  const sort: ProductSort = input.q ? "relevance" : "newest";
  const page = listingPageQuery({ q: input.q }, sort, null, input.limit);
  const count = listingCountQuery({ q: input.q });
  const [rows, counted] = await Promise.all([
    pool.query<{ id: string; sortKey: Date | number }>(page.text, page.values),
    pool.query<{ total: number }>(count.text, count.values),
  ]);
  const shown = rows.rows.slice(0, input.limit);
  const cards = await pool.query<CardRow>(CARDS_SQL, [shown.map((row) => row.id)]);
  const byId = new Map(cards.rows.map((card) => [card.id, card]));
  const last = shown.at(-1);
  return {
    items: shown.flatMap((row) => {
      const card = byId.get(row.id);
      if (!card) return [];
      const currency = card.currency ?? "USD";
      return [
        {
          id: card.id,
          slug: card.slug,
          name: card.name,
          category: { slug: card.categorySlug, name: card.categoryName },
          priceFrom: { amount: card.priceAmount ?? 0, currency },
          compareAtFrom: card.compareAtAmount === null ? null : { amount: card.compareAtAmount, currency },
          inStock: card.inStock ?? false,
          image:
            card.url === null
              ? null
              : { url: card.url, alt: card.alt, width: card.width, height: card.height },
        },
      ];
    }),
    nextCursor:
      rows.rows.length > input.limit && last
        ? encodeProductCursor({
            sort,
            key: last.sortKey instanceof Date ? last.sortKey.toISOString() : Number(last.sortKey),
            id: last.id,
          })
        : null,
    total: counted.rows[0]?.total ?? 0,
    didYouMean: null,
  };
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  if (req.method !== "GET") return send(res, 405, { error: "GET only" });
  if (url.pathname === "/health") return send(res, 200, { status: "ok" });
  if (url.pathname === "/api/trpc/catalog.products") {
    const input = parseListingInput(url.searchParams.get("input"));
    if (!input) return send(res, 400, { error: "bad input" });
    return send(res, 200, { result: { data: { json: await listing(input) } } });
  }
  const slug = /^\/products\/([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(url.pathname)?.[1];
  if (slug) {
    const { rows } = await pool.query(PRODUCT_SQL, [slug]);
    return rows[0] ? send(res, 200, rows[0]) : send(res, 404, { error: "no such product" });
  }
  send(res, 404, { error: "not found" });
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) send(res, 500, { error: "internal" });
    else res.destroy();
  });
});
server.listen(env.BARE_PORT, "127.0.0.1", () => {
  console.log(`bare server listening on 127.0.0.1:${env.BARE_PORT}`);
});

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.closeAllConnections();
    server.close();
    pool.end().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
