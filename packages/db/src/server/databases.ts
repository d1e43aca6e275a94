// Where the app's database comes from: DATABASE_URL when set, the embedded PostgreSQL otherwise.
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";

import { createDb } from "../client.ts";
import type { DbEnv } from "../env.ts";
import { seedAccounts } from "../seed/accounts.ts";
import { isCatalogEmpty, seedCatalog } from "../seed/catalog.ts";
import { seedCheckoutRates } from "../seed/checkout-rates.ts";
import { checkReachable, createDatabase, databaseUrl, dropDatabase, withDatabase } from "./admin.ts";
import { startEmbeddedPostgres } from "./embedded.ts";
import { applyMigrations } from "./migrations.ts";

export interface OpenedDatabase {
  url: string;
  /** Release what was started for it (the embedded server, a scratch database). */
  close(): Promise<void>;
}

type Log = (line: string) => void;

/** The embedded server's own database name (the server also holds `postgres`). */
const EMBEDDED_DATABASE = "bazaar";

/**
 * The development database: DATABASE_URL, or the embedded server under `.data/postgres`, which is
 * created on first use and reused afterwards. Either way it is migrated, and seeded when empty.
 */
export async function openAppDatabase(
  env: DbEnv,
  log: Log,
  options: { seed: boolean } = { seed: true },
): Promise<OpenedDatabase> {
  const seed = { catalog: options.seed, accounts: options.seed && process.env.NODE_ENV !== "production" };
  if (env.DATABASE_URL) {
    await checkReachable(env.DATABASE_URL);
    await prepare(env.DATABASE_URL, log, seed);
    return { url: env.DATABASE_URL, close: () => Promise.resolve() };
  }
  const dataDir = path.join(env.BAZAAR_DATA_DIR, "postgres");
  log(`starting the embedded PostgreSQL (${dataDir}, port ${env.EMBEDDED_POSTGRES_PORT})`);
  const server = await startEmbeddedPostgres({ dataDir, port: env.EMBEDDED_POSTGRES_PORT });
  try {
    const url = databaseUrl(server.url, EMBEDDED_DATABASE);
    const exists = await withDatabase(server.url, async (c) => {
      const { rowCount } = await c.query("select 1 from pg_database where datname = $1", [EMBEDDED_DATABASE]);
      return rowCount === 1;
    });
    if (!exists) await createDatabase(server.url, EMBEDDED_DATABASE);
    await prepare(url, log, seed);
    return { url, close: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * A database of its own for one run (end-to-end tests, benchmarks): a new database on
 * DATABASE_URL's server, or a throwaway embedded server. Dropped again by `close`.
 */
export async function openScratchDatabase(
  env: DbEnv,
  log: Log,
  options: { seed: boolean; purpose: string },
): Promise<OpenedDatabase> {
  const name = `bazaar_${options.purpose}_${randomBytes(4).toString("hex")}`;
  // A scratch database lives for one run on this machine: the development accounts are safe there.
  const seed = { catalog: options.seed, accounts: options.seed };
  if (env.DATABASE_URL) {
    await checkReachable(env.DATABASE_URL);
    const url = await createDatabase(env.DATABASE_URL, name);
    await prepare(url, log, seed);
    return { url, close: () => dropDatabase(url) };
  }
  const server = await startEmbeddedPostgres({ dataDir: path.join(tmpdir(), name), ephemeral: true });
  const url = await createDatabase(server.url, name);
  await prepare(url, log, seed);
  return { url, close: () => server.stop() };
}

async function prepare(url: string, log: Log, seed: { catalog: boolean; accounts: boolean }): Promise<void> {
  const applied = await applyMigrations(url);
  if (applied.length > 0) log(`applied migrations: ${applied.join(", ")}`);
  if (!seed.catalog && !seed.accounts) return;
  const db = createDb(url, { maxConnections: 2 });
  try {
    if (seed.catalog && (await isCatalogEmpty(db))) {
      const counts = await seedCatalog(db);
      log(`seeded ${counts.categories} categories, ${counts.products} products, ${counts.variants} variants`);
    }
    if (seed.catalog) {
      const rates = await seedCheckoutRates(db);
      if (rates > 0) log(`seeded ${rates} shipping and tax rates`);
    }
    if (seed.accounts) {
      const created = await seedAccounts(db);
      if (created > 0) log(`seeded ${created} development accounts (see the README)`);
    }
  } finally {
    await db.$disconnect();
  }
}
