import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

import { watchPool, type DatabaseHealth } from "./availability.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = PrismaClient;
/** What a service receives: the client itself, or the client inside `db.$transaction`. */
export type DbOrTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * How close (0–1) a product name's words must be to a search's words for a typo'd match. Set on
 * every connection, because the `<%` operator (which the trigram index can serve) reads it from
 * the session; a `word_similarity(...) >= x` test instead would scan every product.
 */
export const SEARCH_SIMILARITY_THRESHOLD = 0.45;

/** Session settings for every connection Bazaar opens (node-postgres' `options`). */
export const CONNECTION_OPTIONS = `-c pg_trgm.word_similarity_threshold=${SEARCH_SIMILARITY_THRESHOLD}`;

/**
 * A request waits this long for a pooled connection before it fails (as "database unavailable",
 * a 503): node-postgres would otherwise wait for ever when the server hangs or the pool is drained.
 */
const CONNECT_TIMEOUT_MS = 5_000;

const healthOfClient = new WeakMap<Db, DatabaseHealth>();

export function createDb(url: string, options: { maxConnections?: number } = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    options: CONNECTION_OPTIONS,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  healthOfClient.set(db, watchPool(pool, url));
  return db;
}

/** The availability monitor of a client made by `createDb` (see availability.ts). */
export function databaseHealth(db: Db): DatabaseHealth | undefined {
  return healthOfClient.get(db);
}
