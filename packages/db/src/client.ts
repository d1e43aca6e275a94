import { PrismaPg } from "@prisma/adapter-pg";

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

export function createDb(url: string, options: { maxConnections?: number } = {}): Db {
  const adapter = new PrismaPg({
    connectionString: url,
    max: options.maxConnections ?? 10,
    options: CONNECTION_OPTIONS,
  });
  return new PrismaClient({ adapter });
}
