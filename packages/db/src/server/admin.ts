// Server-level chores on a PostgreSQL server: create, drop and probe databases.
import pg from "pg";

export async function withDatabase<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Arbitrary, fixed key for the advisory lock that serialises template copies. */
const TEMPLATE_COPY_LOCK = 7_234_001;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Create `name` on the server that `serverUrl` points at; returns the new database's URL. */
export async function createDatabase(serverUrl: string, name: string, template?: string): Promise<string> {
  await withDatabase(databaseUrl(serverUrl, "postgres"), async (c) => {
    if (!template) return c.query(`CREATE DATABASE ${quote(name)}`);
    // PostgreSQL refuses to copy a template while another copy of it is in progress, so test
    // files starting together take turns (the lock is released when this connection ends).
    await c.query("select pg_advisory_lock($1)", [TEMPLATE_COPY_LOCK]);
    return c.query(`CREATE DATABASE ${quote(name)} TEMPLATE ${quote(template)}`);
  });
  return databaseUrl(serverUrl, name);
}

export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await withDatabase(databaseUrl(url, "postgres"), (c) =>
    c.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`),
  );
}

/** Resolve when the server answers a query, or throw a message a person can act on. */
export async function checkReachable(url: string): Promise<void> {
  try {
    await withDatabase(url, (c) => c.query("select 1"));
  } catch (error) {
    const safe = new URL(url);
    if (safe.password) safe.password = "***";
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot reach the database at ${safe.toString()}: ${reason}`);
  }
}
