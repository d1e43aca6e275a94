// The admin console's tables with 100,000 orders (issue 6): each table's first page, filtered
// pages, a deep page (a cursor from the middle of the orders) and the dashboard, as staff call
// them (`Authorization: Bearer`), under the same load as the storefront; then the CSV export of
// every order, timed, with the app's memory sampled while it streams.
import { readdir, readFile } from "node:fs/promises";

import { encodeAdminCursor } from "@bazaar/validators";

import type { AdminBenchData } from "./admin-seed.ts";
import { measure, type LoadResult } from "./load.ts";
import { assertLoopback, mutationBody } from "./trpc-http.ts";

export interface AdminEndpointResult {
  name: string;
  path: string;
  load: LoadResult;
  /** Rows the first answer held and the total it reported (checked against the database). */
  rows: number;
  total: number | null;
}

export interface ExportResult {
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  /** The app's resident memory (its whole process group) before and at its highest during the export. */
  rssBeforeMiB: number;
  rssPeakMiB: number;
}

interface PageReply {
  result?: { data?: { json?: { items?: unknown[]; total?: number; nextCursor?: string | null } } };
}

const queryPath = (procedure: string, input: unknown) =>
  `/api/trpc/${procedure}?input=${encodeURIComponent(mutationBody(input))}`;

/** The reads staff make, with what each first answer must hold. */
function endpoints(data: AdminBenchData) {
  const deep = encodeAdminCursor({ at: data.middle.createdAt, id: data.middle.id });
  return [
    { name: "orders, first page", procedure: "admin.orders.list", input: { limit: 25 }, total: data.orders },
    { name: "orders, status paid", procedure: "admin.orders.list", input: { limit: 25, status: "PAID" } },
    { name: "orders, email contains", procedure: "admin.orders.list", input: { limit: 25, q: "shopper123" } },
    {
      name: "orders, by number",
      procedure: "admin.orders.list",
      input: { limit: 25, q: String(data.middle.number) },
      total: 1,
    },
    {
      name: "orders, page 2,000 (cursor)",
      procedure: "admin.orders.list",
      input: { limit: 25, cursor: deep },
      total: data.orders,
    },
    { name: "dashboard", procedure: "admin.dashboard.summary", input: undefined },
    { name: "customers, first page", procedure: "admin.customers.list", input: { limit: 25 } },
    {
      name: "customers, search",
      procedure: "admin.customers.list",
      input: { limit: 25, search: "shopper77" },
    },
    { name: "audit log, first page", procedure: "admin.audit.list", input: { limit: 25 } },
    {
      name: "audit log, one action",
      procedure: "admin.audit.list",
      input: { limit: 25, action: "order.fulfilled" },
    },
  ];
}

export async function measureAdminTables(options: {
  origin: string;
  data: AdminBenchData;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  log: (line: string) => void;
}): Promise<{ results: AdminEndpointResult[]; problems: string[] }> {
  assertLoopback(options.origin);
  const headers = { authorization: `Bearer ${options.data.bearerToken}` };
  const results: AdminEndpointResult[] = [];
  const problems: string[] = [];
  for (const endpoint of endpoints(options.data)) {
    const path = queryPath(endpoint.procedure, endpoint.input);
    // One checked answer first: a 200 whose page and total are what the data says.
    const response = await fetch(options.origin + path, { headers, signal: AbortSignal.timeout(30_000) });
    const body = (await response.json()) as PageReply;
    const page = body.result?.data?.json;
    const rows = page?.items?.length ?? 0;
    const total = page?.total ?? null;
    if (response.status !== 200) problems.push(`${endpoint.name}: answered ${response.status}`);
    else if (endpoint.total !== undefined && total !== endpoint.total)
      problems.push(`${endpoint.name}: total ${total}, expected ${endpoint.total}`);
    else if (page?.items && rows === 0) problems.push(`${endpoint.name}: an empty page`);
    options.log(`${endpoint.name}: ${options.seconds} s, ${options.connections} connections`);
    const load = await measure(options.origin + path, {
      connections: options.connections,
      seconds: options.seconds,
      warmupSeconds: options.warmupSeconds,
      headers,
    });
    results.push({ name: endpoint.name, path, load, rows, total });
  }
  return { results, problems };
}

/** Resident memory of every process in a process group (the app server and any workers it forked). */
async function groupRssBytes(groupId: number): Promise<number> {
  let total = 0;
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (name) state ppid pgrp ..."; the name may hold spaces, so split after ")".
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== groupId) continue;
      const status = await readFile(`/proc/${entry}/status`, "utf8");
      total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

/** Download every order as CSV through the export route, sampling the app's memory meanwhile. */
export async function measureOrderExport(options: {
  origin: string;
  data: AdminBenchData;
  cookieName: string;
  serverGroupId: number;
}): Promise<ExportResult> {
  assertLoopback(options.origin);
  const rssBefore = await groupRssBytes(options.serverGroupId);
  let rssPeak = rssBefore;
  let sampling = true;
  const sampler = (async () => {
    // Bounded: the export's own timeout ends the loop at the latest.
    while (sampling) {
      rssPeak = Math.max(rssPeak, await groupRssBytes(options.serverGroupId));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const started = performance.now();
  let bytes = 0;
  let lines = 0;
  try {
    const response = await fetch(`${options.origin}/admin/orders/export`, {
      headers: { cookie: `${options.cookieName}=${options.data.cookieToken}` },
      signal: AbortSignal.timeout(300_000),
    });
    if (response.status !== 200 || !response.body) throw new Error(`the export answered ${response.status}`);
    const reader = response.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      bytes += chunk.value.byteLength;
      for (const byte of chunk.value) if (byte === 10) lines++;
    }
  } finally {
    sampling = false;
    await sampler;
  }
  const seconds = (performance.now() - started) / 1000;
  // One header line; quoted fields never hold a newline (the export writes none).
  const rows = lines - 1;
  if (rows !== options.data.orders)
    throw new Error(`the export held ${rows} rows, not ${options.data.orders}`);
  return {
    rows,
    bytes,
    seconds,
    rowsPerSecond: rows / seconds,
    rssBeforeMiB: rssBefore / 2 ** 20,
    rssPeakMiB: rssPeak / 2 ** 20,
  };
}
