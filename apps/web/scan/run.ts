// `pnpm scan`: a security scan of the production build on loopback, with wapiti and sqlmap
// (docs/decisions/0033).
//
// 1. `next start` (the build from `next build`) on a scratch database of its own, seeded
//    (`with-db --scratch scan`), on a free loopback port, in production mode.
// 2. An API key made through the admin console's own procedure (admin.apiKeys.create), as the
//    seeded admin, so the REST API can be attacked past its key check.
// 3. At once: wapiti over the storefront (crawled from seeds that carry the parameters that
//    exist), wapiti over /api/v1 with the key, and sqlmap against a handful of parameterised
//    endpoints, one after another. wapiti's out-of-band endpoint (SSRF) is a server of our own
//    on loopback (endpoint.ts).
// 4. Both tools' results as one table (findings.ts); the run fails on any finding of medium
//    severity or above (wapiti level >= 2, any injection sqlmap confirms) that no narrow,
//    explained exclusion covers, and on any tool that did not finish its job.
// Reports land in .cache/scan/. Everything started is stopped on success, failure and Ctrl-C,
// and every wait is bounded.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, openSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import superjson from "superjson";

import { createCaller, createContext } from "@bazaar/api";
import { createSession, readAuthEnv } from "@bazaar/auth";
import { createDb, type Db } from "@bazaar/db";
import { SEED_ACCOUNTS } from "@bazaar/db/seed/accounts";

import { freePort, startServer, waitUntilServing, withTimeout, type Server } from "../bench/processes.ts";
import { startOutOfBandEndpoint } from "./endpoint.ts";
import { childEnvironment, pathWith, readScanEnv, searchPath, shareServerSettings } from "./env.ts";
import {
  applyExclusions,
  failing,
  formatDetails,
  formatFindings,
  severityOf,
  type Finding,
} from "./findings.ts";
import { parseSqlmapRun, sqlmapArgs, type SqlmapTarget } from "./sqlmap.ts";
import { parseWapitiReport, WAPITI_MODULES, wapitiArgs, type WapitiRun } from "./wapiti.ts";

const webDir = path.resolve(import.meta.dirname, "..");
const outDir = path.join(webDir, ".cache", "scan");
const binDir = path.join(webDir, "node_modules", ".bin");
const log = (line: string) => console.log(`[scan] ${line}`);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

/** A tool that runs longer than its budget plus this is stopped, and the scan fails. */
const HARD_STOP_GRACE_SECONDS = 60;
const SERVER_START_TIMEOUT_MS = 120_000;

// ---- Tear-down: what was started registers how to stop it; stopped last-first, once. ----

const releases: { what: string; release: () => Promise<void> }[] = [];
const children = new Set<() => void>();
let shuttingDown = false;

async function releaseAll(): Promise<void> {
  for (const stop of children) stop();
  for (const { what, release } of releases.splice(0).reverse()) {
    await withTimeout(release(), 30_000, `stopping ${what}`).catch((error: unknown) =>
      console.error(
        `[scan] could not stop ${what}: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.error(`[scan] ${signal}: stopping`);
    void releaseAll().finally(() => process.exit(130));
  });
}

// ---- Child processes ----

function killGroup(pid: number | undefined, signal: NodeJS.Signals) {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Gone already.
  }
}

interface ToolRun {
  code: number | null;
  timedOut: boolean;
  output: string;
}

/** Run a tool in its own process group, output to `logFile`; stopped after `timeoutSeconds`. */
async function runTool(
  command: string,
  args: string[],
  options: { logFile: string; timeoutSeconds: number; env?: Record<string, string> },
): Promise<ToolRun> {
  const fd = openSync(options.logFile, "w");
  const child = spawn(command, args, {
    cwd: outDir,
    env: childEnvironment({ TERM: "dumb", ...options.env }),
    detached: true,
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  let timedOut = false;
  const stop = () => {
    killGroup(child.pid, "SIGTERM");
    setTimeout(() => killGroup(child.pid, "SIGKILL"), 5_000).unref();
  };
  children.add(stop);
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
  }, options.timeoutSeconds * 1000);
  const code = await new Promise<number | null>((resolve) => {
    child.once("exit", (exitCode) => resolve(exitCode));
    child.once("error", (error) => {
      console.error(`[scan] could not run ${command}: ${error.message}`);
      resolve(127);
    });
  });
  clearTimeout(timer);
  children.delete(stop);
  return { code, timedOut, output: await readFile(options.logFile, "utf8").catch(() => "") };
}

/** `command` as found on PATH, or undefined. */
function onPath(command: string): string | undefined {
  if (command.includes("/")) return existsSync(command) ? command : undefined;
  return searchPath()
    .map((dir) => path.join(dir, command))
    .find((candidate) => existsSync(candidate));
}

/**
 * How to start wapiti through wapiti-shim.py: the Python that its launcher names (Debian's
 * /usr/bin/python3, which has wapitiCore; another python3 on PATH may not).
 */
async function wapitiCommand(bin: string): Promise<{ command: string; prefix: string[] } | undefined> {
  const launcher = onPath(bin);
  if (!launcher) return undefined;
  const firstLine = (await readFile(launcher, "utf8")).split("\n", 1)[0] ?? "";
  const interpreter = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(firstLine);
  if (!interpreter?.[1]) return undefined;
  const viaEnv = interpreter[1].endsWith("/env") && interpreter[2];
  return {
    command: viaEnv ? (interpreter[2] ?? "python3") : interpreter[1],
    prefix: [path.join(import.meta.dirname, "wapiti-shim.py")],
  };
}

async function toolAvailable(command: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = spawn(command, ["--version"], { stdio: "ignore" });
    const timer = setTimeout(() => {
      probe.kill("SIGKILL");
      resolve(false);
    }, 30_000);
    probe.once("error", () => {
      clearTimeout(timer);
      resolve(false);
    });
    probe.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

// ---- The server under test ----

/** The production build on a scratch database; its URL is written to `databaseUrlFile`. */
function startShop(port: number, secret: string, databaseUrlFile: string): Server {
  const origin = `http://127.0.0.1:${port}`;
  const inner = `printf %s "$DATABASE_URL" > '${databaseUrlFile}' && exec next start --hostname 127.0.0.1 --port ${port} --keepAliveTimeout 70000`;
  return startServer({
    name: "the shop",
    command: path.join(binDir, "with-db"),
    args: ["--scratch", "scan", "--", "sh", "-c", inner],
    cwd: webDir,
    env: childEnvironment({
      PATH: pathWith(binDir),
      NEXT_TELEMETRY_DISABLED: "1",
      // `next start` is production mode, which refuses to start without a secret: one per run.
      AUTH_SECRET: secret,
      // The origin the scanners use: cookies, links and redirects are built from it.
      APP_URL: origin,
      // sqlmap sends hundreds of requests a minute with one key; 429s would read as a WAF to it.
      API_RATE_LIMIT_PER_MINUTE: "100000",
      // Pictures a scanner might manage to upload land here, not in the development data folder.
      MEDIA_DIR: path.join(outDir, "media"),
    }),
    port,
    logFile: path.join(outDir, "server.log"),
  });
}

/** SIGTERM to with-db alone, which stops `next start` and then drops its database; then the rest. */
async function stopShop(server: Server): Promise<void> {
  const { child } = server;
  if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(child.pid, "SIGTERM");
    } catch {
      // Gone already.
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
  }
  await server.stop();
}

/**
 * An API key for the scan, made the way the admin console makes one: the seeded admin's
 * session calls admin.apiKeys.create (createApiKey in packages/api, audited as theirs).
 */
async function makeApiKey(db: Db): Promise<string> {
  const email = SEED_ACCOUNTS.find((account) => account.role === "ADMIN")?.email ?? "";
  const admin = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true } });
  const { token } = await createSession(db, readAuthEnv(), {
    user: admin,
    kind: "BEARER",
    ip: "127.0.0.1",
    userAgent: "bazaar-scan",
  });
  const ctx = await createContext({
    db,
    headers: new Headers({ authorization: `Bearer ${token}`, "user-agent": "bazaar-scan" }),
    sessionKind: "BEARER",
  });
  const { key } = await createCaller(ctx).admin.apiKeys.create({
    name: "Security scan",
    scopes: ["catalog:read", "orders:read"],
  });
  return key;
}

async function getOk(url: string, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 200)}`);
  return text.startsWith("{") || text.startsWith("[") ? JSON.parse(text) : text;
}

const trpcQuery = (procedure: string, input: unknown, marker = "") => {
  // superjson's wire form, as the web app sends it; `marker` goes right after the search words.
  const json = JSON.stringify(superjson.serialize(input)).replace('"linen"', `"linen${marker}"`);
  return `/api/trpc/${procedure}?input=${encodeURIComponent(json).replace("%2A", "*")}`;
};

// ---- The run ----

async function main(): Promise<number> {
  const settings = readScanEnv();
  if (!existsSync(path.join(webDir, ".next", "BUILD_ID"))) {
    console.error("[scan] no production build in apps/web/.next: run `pnpm build` first");
    return 2;
  }
  const wapitiFound = await wapitiCommand(settings.WAPITI_BIN);
  if (!wapitiFound || !(await toolAvailable(settings.SQLMAP_BIN))) {
    console.error("[scan] wapiti and sqlmap are needed: apt-get install -y wapiti sqlmap");
    return 2;
  }
  const wapitiBin = wapitiFound;
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const secret = randomBytes(32).toString("hex");
  shareServerSettings({ AUTH_SECRET: secret, APP_URL: origin });
  const databaseUrlFile = path.join(outDir, "database-url");

  log(`starting the production build on ${origin} (scratch database)`);
  const shop = startShop(port, secret, databaseUrlFile);
  releases.push({ what: "the shop", release: () => stopShop(shop) });
  await waitUntilServing(shop, `${origin}/api/health`, SERVER_START_TIMEOUT_MS);
  log(`up after ${elapsed()}`);

  const db = createDb((await readFile(databaseUrlFile, "utf8")).trim(), { maxConnections: 2 });
  releases.push({ what: "the database client", release: () => db.$disconnect() });
  const key = await makeApiKey(db);
  const keyHeader = { authorization: `Bearer ${key}` };

  // A real product, through the key (which proves the key works before anything relies on it).
  const page = (await getOk(`${origin}/api/v1/products?limit=1&sort=newest`, keyHeader)) as {
    items: { slug: string; category?: { slug: string } | null }[];
  };
  const product = page.items[0];
  if (!product) throw new Error("the scratch catalog has no products");
  const category = product.category?.slug ?? "apparel";

  const endpoint = await startOutOfBandEndpoint();
  releases.push({ what: "the out-of-band endpoint", release: () => endpoint.close() });

  // ---- What is attacked ----

  const siteSeeds = [
    `${origin}/`,
    `${origin}/search?q=linen`,
    `${origin}/search?q=linen&min=5&max=500&stock=1&sort=price-asc`,
    `${origin}/products?q=linen&category=${category}&sort=newest`,
    `${origin}/products/${product.slug}`,
    `${origin}/categories/${category}?min=5&max=500&stock=1`,
    `${origin}/sign-in?next=/account`,
    `${origin}/sign-up`,
    `${origin}/forgot-password`,
    `${origin}/cart`,
    `${origin}/checkout`,
    `${origin}${trpcQuery("catalog.products", { q: "linen", limit: 4 })}`,
    `${origin}${trpcQuery("catalog.suggest", { q: "linen", limit: 4 })}`,
    `${origin}/api/health`,
  ];
  const siteRun: WapitiRun = {
    base: `${origin}/`,
    seeds: siteSeeds,
    exclude: [
      // Next's own script and style chunks: no parameters, and megabytes for the crawler to parse.
      `${origin}/_next/*`,
      `${origin}/api/auth/signout*`,
    ],
    endpoint: endpoint.url,
    reportFile: path.join(outDir, "wapiti-site.json"),
    sessionDir: path.join(outDir, "wapiti-site-session"),
    depth: 2,
    crawlSeconds: settings.SCAN_CRAWL_SECONDS,
    attackSeconds: settings.SCAN_ATTACK_SECONDS,
  };
  const apiRun: WapitiRun = {
    base: `${origin}/api/v1/`,
    seeds: [
      `${origin}/api/v1/products?q=linen&minPrice=100&maxPrice=90000&inStock=true&limit=5`,
      `${origin}/api/v1/products?category=${category}&sort=price-asc&limit=5`,
      `${origin}/api/v1/products/${product.slug}`,
      `${origin}/api/v1/search?q=linen&limit=3`,
      `${origin}/api/v1/orders?q=casey&status=PAID&from=2026-01-01&to=2026-12-31&limit=5`,
      `${origin}/api/v1/categories`,
    ],
    exclude: [],
    headers: keyHeader,
    endpoint: endpoint.url,
    reportFile: path.join(outDir, "wapiti-api.json"),
    sessionDir: path.join(outDir, "wapiti-api-session"),
    depth: 0,
    crawlSeconds: 20,
    attackSeconds: settings.SCAN_ATTACK_SECONDS,
  };
  const sqlmapTargets: SqlmapTarget[] = [
    {
      name: "REST product listing",
      url: `${origin}/api/v1/products?q=linen&minPrice=100&maxPrice=90000&limit=5`,
      parameters: ["q", "minPrice", "maxPrice"],
      headers: keyHeader,
    },
    {
      name: "REST search",
      url: `${origin}/api/v1/search?q=linen&limit=3`,
      parameters: ["q"],
      headers: keyHeader,
    },
    {
      name: "REST orders filter",
      url: `${origin}/api/v1/orders?q=casey&limit=5`,
      parameters: ["q"],
      headers: keyHeader,
    },
    { name: "storefront search", url: `${origin}/search?q=linen`, parameters: ["q"] },
    {
      name: "tRPC catalog.products (q inside the JSON input)",
      url: `${origin}${trpcQuery("catalog.products", { q: "linen", limit: 4 }, "*")}`,
    },
  ];
  // Each target answers before it is attacked: a 401 would make a clean result meaningless.
  for (const target of sqlmapTargets) await getOk(target.url.replace("*", ""), target.headers);

  // ---- The tools ----

  const problems: string[] = [];
  const findings: Finding[] = [];
  const wapitiBudget = (run: WapitiRun) =>
    run.crawlSeconds + WAPITI_MODULES.length * run.attackSeconds + HARD_STOP_GRACE_SECONDS;

  async function wapiti(label: string, run: WapitiRun) {
    log(`wapiti (${label}): ${run.base}, ${run.seeds.length} seeds`);
    const result = await runTool(wapitiBin.command, [...wapitiBin.prefix, ...wapitiArgs(run)], {
      logFile: path.join(outDir, `wapiti-${label}.log`),
      timeoutSeconds: wapitiBudget(run),
    });
    const report = await readFile(run.reportFile, "utf8").catch(() => undefined);
    if (result.timedOut) problems.push(`wapiti (${label}) was stopped after ${wapitiBudget(run)} s`);
    else if (result.code !== 0 || !report) problems.push(`wapiti (${label}) failed (exit ${result.code})`);
    if (report) findings.push(...parseWapitiReport(report, label));
    const crawled = /Wapiti found (\d+) URLs and forms/.exec(result.output)?.[1] ?? "?";
    log(`wapiti (${label}) done after ${elapsed()}: ${crawled} URLs and forms`);
  }

  async function sqlmap() {
    for (const [index, target] of sqlmapTargets.entries()) {
      const dir = path.join(outDir, "sqlmap", String(index + 1));
      await mkdir(dir, { recursive: true });
      const result = await runTool(settings.SQLMAP_BIN, sqlmapArgs(target, dir), {
        logFile: path.join(dir, "stdout.log"),
        timeoutSeconds: 150,
      });
      const hostLog = await readFile(path.join(dir, "127.0.0.1", "log"), "utf8").catch(() => "");
      const outcome = parseSqlmapRun(target, result.output, hostLog);
      findings.push(...outcome.findings);
      if (result.timedOut) problems.push(`sqlmap (${target.name}) was stopped after 150 s`);
      problems.push(...outcome.problems.map((problem) => `sqlmap (${target.name}): ${problem}`));
      log(
        `sqlmap (${target.name}) done after ${elapsed()}: ${outcome.cleanFinish ? "not injectable" : "see findings"}` +
          (outcome.statusCounts.length > 0 ? `; answers ${outcome.statusCounts.join(", ")}` : ""),
      );
    }
  }

  await Promise.all([
    wapiti("site", siteRun),
    (async () => {
      await sqlmap();
      await wapiti("api", apiRun);
    })(),
  ]);

  // The shop never has a reason to call the endpoint: a request there came from an injected URL.
  for (const hit of endpoint.hits) {
    findings.push({
      tool: "endpoint",
      finding: "Out-of-band request from the shop",
      level: 4,
      method: hit.method,
      url: hit.url,
      parameter: "",
      info: `the out-of-band endpoint was called at ${hit.date} from ${hit.ip}`,
    });
  }

  // ---- The verdict ----

  const judged = applyExclusions(findings);
  const failures = failing(judged);
  console.log(`\n${formatFindings(judged)}\n`);
  if (judged.length > 0) console.log(`${formatDetails(judged)}\n`);
  const counts = ["critical", "high", "medium", "low", "info"]
    .map(
      (severity) =>
        `${judged.filter((f) => !f.excluded && severityOf(f.level) === severity).length} ${severity}`,
    )
    .join(", ");
  const excluded = judged.filter((f) => f.excluded).length;
  log(`findings: ${counts}${excluded ? `; ${excluded} excluded` : ""}; took ${elapsed()}`);
  await writeFile(
    path.join(outDir, "summary.json"),
    JSON.stringify({ origin, seconds: (Date.now() - started) / 1000, problems, findings: judged }, null, 2),
  );
  for (const problem of problems) console.error(`[scan] ${problem}`);
  if (failures.length > 0) {
    console.error(`[scan] FAILED: ${failures.length} finding(s) of medium severity or above`);
    return 1;
  }
  if (problems.length > 0) {
    console.error("[scan] FAILED: a scanner did not complete");
    return 1;
  }
  log("passed: no finding of medium severity or above");
  return 0;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`[scan] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  exitCode = 1;
} finally {
  if (!shuttingDown) {
    shuttingDown = true;
    await releaseAll();
  }
}
process.exit(exitCode);
