// The REST API (issue 7) under the same load as the storefront and the console: an API key with
// every scope, made in SQL like the console makes one (only its hash is stored), reading the
// catalog, stock and orders through /api/v1 as an integration does. The app is started with a
// per-key rate limit high enough not to answer 429s to the load (API_RATE_LIMIT_PER_MINUTE).
import { generateToken, hashToken } from "@bazaar/auth";
import { API_KEY_SCOPES } from "@bazaar/validators";
import pg from "pg";

import type { AdminEndpointResult } from "./admin-tables.ts";
import { measure } from "./load.ts";
import { assertLoopback } from "./trpc-http.ts";

/** What a key is (api-keys/keys.ts): "bzk_" and 43 random characters. */
async function makeKey(databaseUrl: string): Promise<string> {
  const key = `bzk_${generateToken()}`;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "ApiKey" ("id", "name", "prefix", "hash", "scopes")
       VALUES ($1, 'Bench', $2, $3, $4) ON CONFLICT ("id") DO UPDATE SET "hash" = EXCLUDED."hash"`,
      ["bench_api_key", key.slice(0, 12), hashToken(key), [...API_KEY_SCOPES]],
    );
  } finally {
    await client.end();
  }
  return key;
}

const ENDPOINTS = [
  { name: "GET /products (24, newest)", path: "/api/v1/products?limit=24" },
  { name: "GET /products?q=linen", path: "/api/v1/products?limit=24&q=linen" },
  { name: "GET /stock (50)", path: "/api/v1/stock?limit=50" },
  { name: "GET /orders (25)", path: "/api/v1/orders?limit=25" },
  { name: "GET /orders?status=PAID", path: "/api/v1/orders?limit=25&status=PAID" },
];

export async function measureRestApi(options: {
  origin: string;
  databaseUrl: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  log: (line: string) => void;
}): Promise<{ results: AdminEndpointResult[]; problems: string[] }> {
  assertLoopback(options.origin);
  const headers = { authorization: `Bearer ${await makeKey(options.databaseUrl)}` };
  const results: AdminEndpointResult[] = [];
  const problems: string[] = [];
  for (const endpoint of ENDPOINTS) {
    // One checked answer first: a 200 with a page of items.
    const response = await fetch(options.origin + endpoint.path, {
      headers,
      signal: AbortSignal.timeout(30_000),
    });
    const page = (await response.json()) as { items?: unknown[]; total?: number };
    const rows = page.items?.length ?? 0;
    if (response.status !== 200) problems.push(`${endpoint.name}: answered ${response.status}`);
    else if (rows === 0) problems.push(`${endpoint.name}: an empty page`);
    options.log(`${endpoint.name}: ${options.seconds} s, ${options.connections} connections`);
    const load = await measure(options.origin + endpoint.path, {
      connections: options.connections,
      seconds: options.seconds,
      warmupSeconds: options.warmupSeconds,
      headers,
    });
    results.push({ name: endpoint.name, path: endpoint.path, load, rows, total: page.total ?? null });
  }
  return { results, problems };
}
