// The printed table and the JSON written for the note.
import type { LoadResult } from "./load.ts";

export interface EndpointResult {
  name: string;
  /** The path requested from both servers. */
  path: string;
  /** The app as shoppers meet it: catalog reads answered from its cache. */
  app: LoadResult;
  /** The same build with CATALOG_CACHE=off: every request runs the SQL, like the bare server. */
  uncached: LoadResult;
  bare: LoadResult;
  /** Uncached app requests per second over the bare server's: 1 would mean no overhead at all. */
  ratio: number;
  /** Cached app over the bare server: what the cache buys. */
  cachedRatio: number;
}

const rate = (n: number) => n.toFixed(n >= 100 ? 0 : 1);
// autocannon records latency in whole milliseconds.
const ms = (n: number) => (n < 1 ? "<1 ms" : `${Math.round(n)} ms`);

export function formatTable(results: readonly EndpointResult[]): string {
  const header = [
    "endpoint",
    "cached req/s",
    "p50",
    "p99",
    "uncached req/s",
    "p50",
    "p99",
    "bare req/s",
    "p50",
    "p99",
    "uncached/bare",
    "cached/bare",
    "non-2xx+errors",
  ];
  const rows = results.map((r) => [
    r.name,
    ...[r.app, r.uncached, r.bare].flatMap((run) => [
      rate(run.requestsPerSecond),
      ms(run.latency.p50),
      ms(run.latency.p99),
    ]),
    r.ratio.toFixed(2),
    r.cachedRatio.toFixed(2),
    `${failures(r.app)}/${failures(r.uncached)}/${failures(r.bare)}`,
  ]);
  return columns(header, rows);
}

/** A plain-text table: the first column left-aligned, the figures right-aligned. */
function columns(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** How many failed requests a run had: any at all fails the benchmark. */
export const failures = (r: LoadResult) => r.non2xx + r.errors;

/** A row of the write table: add-to-cart under load, checkout without and with contention. */
export interface WriteRow {
  name: string;
  requestsPerSecond: number;
  /** Orders placed per second (checkout only). */
  ordersPerSecond: number | null;
  /** Milliseconds. */
  latency: { p50: number; p99: number };
  /** autocannon records whole milliseconds; the checkout rounds time each request finer. */
  wholeMilliseconds: boolean;
  requests: number;
  ok: number;
  /** 409s a shopper may meet: out of stock (checkout only). */
  conflicts: number | null;
  /** Anything else: other statuses, 5xx, errors and timeouts. Any fails the benchmark. */
  failures: number;
}

/** Latency measured by the bench itself (fractions of a millisecond), not autocannon. */
const preciseMs = (n: number) => (n < 10 ? `${n.toFixed(1)} ms` : `${Math.round(n)} ms`);

export function formatWriteTable(rows: readonly WriteRow[]): string {
  const header = ["scenario", "req/s", "orders/s", "p50", "p99", "requests", "2xx", "409", "other/errors"];
  const cells = rows.map((r) => [
    r.name,
    rate(r.requestsPerSecond),
    r.ordersPerSecond === null ? "-" : rate(r.ordersPerSecond),
    (r.wholeMilliseconds ? ms : preciseMs)(r.latency.p50),
    (r.wholeMilliseconds ? ms : preciseMs)(r.latency.p99),
    String(r.requests),
    String(r.ok),
    r.conflicts === null ? "-" : String(r.conflicts),
    String(r.failures),
  ]);
  return columns(header, cells);
}

/** The admin console's reads with the bench orders: one row per table and filter. */
export function formatAdminTable(
  rows: readonly { name: string; load: LoadResult; rows: number; total: number | null }[],
  heading = "admin read",
): string {
  return columns(
    [heading, "req/s", "p50", "p90", "p99", "rows", "total", "non-2xx+errors"],
    rows.map((r) => [
      r.name,
      rate(r.load.requestsPerSecond),
      ms(r.load.latency.p50),
      ms(r.load.latency.p90),
      ms(r.load.latency.p99),
      String(r.rows),
      r.total === null ? "-" : r.total.toLocaleString("en-US"),
      String(failures(r.load)),
    ]),
  );
}
