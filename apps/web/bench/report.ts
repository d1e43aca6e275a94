// The printed table and the JSON written for the note.
import type { LoadResult } from "./load.ts";

export interface EndpointResult {
  name: string;
  /** The path requested from both servers. */
  path: string;
  app: LoadResult;
  bare: LoadResult;
  /** App requests per second over the bare server's: 1 would mean no overhead at all. */
  ratio: number;
}

const rate = (n: number) => n.toFixed(n >= 100 ? 0 : 1);
// autocannon records latency in whole milliseconds.
const ms = (n: number) => (n < 1 ? "<1 ms" : `${Math.round(n)} ms`);

export function formatTable(results: readonly EndpointResult[]): string {
  const header = [
    "endpoint",
    "app req/s",
    "p50",
    "p99",
    "bare req/s",
    "p50",
    "p99",
    "app/bare",
    "non-2xx+errors app/bare",
  ];
  const rows = results.map((r) => [
    r.name,
    rate(r.app.requestsPerSecond),
    ms(r.app.latency.p50),
    ms(r.app.latency.p99),
    rate(r.bare.requestsPerSecond),
    ms(r.bare.latency.p50),
    ms(r.bare.latency.p99),
    r.ratio.toFixed(2),
    `${r.app.non2xx + r.app.errors}/${r.bare.non2xx + r.bare.errors}`,
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** How many failed requests a run had: any at all fails the benchmark. */
export const failures = (r: LoadResult) => r.non2xx + r.errors;
