// Whether PostgreSQL can be reached right now, so that a request that needs it is answered
// "503, try again" instead of failing with a 500 (docs/decisions/0030). Two parts: a classifier
// that recognises the errors an outage produces, whichever layer threw them (Prisma, its pg
// adapter, node-postgres, the socket), and a per-database monitor that gates like a circuit
// breaker. No Prisma here: the web app's proxy uses this module on every request.
import pg from "pg";

/** Driver-adapter error kinds that mean "no database to talk to", not "this query is wrong". */
const UNREACHABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TlsConnectionError",
]);

/**
 * Prisma's own codes for the same: can't reach (P1001), timed out reaching (P1002), operation timed
 * out (P1008), server closed the connection (P1017), no pooled connection in time (P2024), and a
 * transaction that could not start or ended while waiting (P2028).
 */
const UNREACHABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);

/**
 * SQLSTATEs of an outage: class 08 (connection exception), 53300 (too many connections), 57P01–57P03
 * (the server is shutting down, crashed, or not accepting connections yet).
 */
const isUnreachableSqlState = (code: string) => code.startsWith("08") || /^(53300|57P0[1-3])$/.test(code);

/** Socket errors node-postgres passes through when the server is not there. */
const UNREACHABLE_SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

/** node-postgres says these in words only. */
const UNREACHABLE_MESSAGES = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error and is not queryable",
];

interface ErrorLike {
  code?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: unknown } };
}

/** True when `error` (or anything it wraps) says the database could not be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  // Errors wrap each other (Prisma → adapter → pg → socket); a handful of links at most.
  while (pending.length > 0 && seen.size < 16) {
    const current = pending.pop();
    if (typeof current !== "object" || current === null || seen.has(current)) continue;
    seen.add(current);
    const { code, kind, message, cause, meta } = current as ErrorLike;
    if (typeof kind === "string" && UNREACHABLE_KINDS.has(kind)) return true;
    if (typeof code === "string") {
      if (UNREACHABLE_PRISMA_CODES.has(code) || UNREACHABLE_SOCKET_CODES.has(code)) return true;
      if (/^[0-9A-Z]{5}$/.test(code) && isUnreachableSqlState(code)) return true;
    }
    if (typeof message === "string" && UNREACHABLE_MESSAGES.some((m) => message.includes(m))) return true;
    pending.push(cause, meta?.driverAdapterError?.cause, meta?.driverAdapterError);
  }
  return false;
}

/** How long a request should wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

export interface DatabaseHealth {
  /** Known unreachable right now (a recent failure, not yet disproved by a probe). */
  readonly down: boolean;
  /**
   * Whether a request that needs the database should go ahead. Answers at once while the pool has
   * been working recently; otherwise asks the server (one probe at a time, at most every
   * `probeEveryMs`, bounded by `probeTimeoutMs`).
   */
  available(): Promise<boolean>;
  /** Something failed in a way `isDatabaseUnavailable` recognised: stop sending requests through. */
  reportFailure(error: unknown): void;
}

export interface HealthOptions {
  /** The database is trusted without a probe for this long after its last sign of life. */
  freshForMs?: number;
  /** While down (or stale), ask the server at most this often. */
  probeEveryMs?: number;
  probeTimeoutMs?: number;
}

/**
 * The monitor for one database URL. It keeps no timer: it probes (on a connection of its own, so
 * a busy pool is not mistaken for a dead server) only when asked while it has no recent sign of
 * life, and at most once at a time.
 */
function createHealth(
  config: pg.ClientConfig,
  options: HealthOptions,
): DatabaseHealth & { alive(): void; stillAlive(): void } {
  const { freshForMs = 2_000, probeEveryMs = 500, probeTimeoutMs = 1_000 } = options;
  let down = false;
  let lastGoodAt = 0;
  let lastProbeAt = 0;
  let probe: Promise<boolean> | null = null;

  const alive = () => {
    down = false;
    lastGoodAt = Date.now();
  };
  const stillAlive = () => {
    if (!down) lastGoodAt = Date.now();
  };
  const runProbe = async (): Promise<boolean> => {
    lastProbeAt = Date.now();
    const client = new pg.Client({
      ...config,
      connectionTimeoutMillis: probeTimeoutMs,
      query_timeout: probeTimeoutMs,
      application_name: "bazaar-health-probe",
    });
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.query("select 1");
      alive();
      return true;
    } catch {
      down = true;
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  };

  return {
    alive,
    stillAlive,
    get down() {
      return down;
    },
    async available() {
      const now = Date.now();
      if (!down && now - lastGoodAt < freshForMs) return true;
      if (probe) return probe;
      if (now - lastProbeAt < probeEveryMs) return !down;
      probe = runProbe().finally(() => {
        probe = null;
      });
      return probe;
    },
    reportFailure(error) {
      if (isDatabaseUnavailable(error)) down = true;
    },
  };
}

type Registry = Map<string, ReturnType<typeof createHealth>>;
const REGISTRY = Symbol.for("bazaar.databaseHealth");
// On globalThis: Next bundles the proxy and the routes apart, and both must see one monitor.
const holder = globalThis as typeof globalThis & { [REGISTRY]?: Registry };
const registry: Registry = (holder[REGISTRY] ??= new Map<string, ReturnType<typeof createHealth>>());

/** This process's monitor for the database at `url` (made on first use). */
export function databaseHealthFor(url: string, options: HealthOptions = {}): DatabaseHealth {
  return watchedHealth(url, options);
}

function watchedHealth(url: string, options: HealthOptions = {}) {
  let health = registry.get(url);
  if (!health) registry.set(url, (health = createHealth({ connectionString: url }, options)));
  return health;
}

/**
 * Feed a pool's events to its monitor: a connection made or handed back cleanly is a sign of life;
 * an idle client's error (the server terminated it) or a connection handed back broken by an
 * outage marks the database down until a probe succeeds.
 */
export function watchPool(pool: pg.Pool, url: string): DatabaseHealth {
  const health = watchedHealth(url);
  pool.on("connect", () => health.alive());
  pool.on("release", (error: Error | undefined) => {
    // A clean hand-back keeps a healthy server trusted, but never ends an outage: Prisma's adapter
    // hands back the connection of a transaction the outage broke as if it were sound. Only a new
    // connection or a probe proves the server is back.
    if (!error) health.stillAlive();
    else health.reportFailure(error);
  });
  pool.on("error", (error) => health.reportFailure(error));
  return health;
}
