// PostgreSQL goes away in the middle of checkouts and comes back. The test has everything to
// itself, so that stopping the database touches nothing else of the run: an embedded PostgreSQL
// (a data folder under .cache/, kept across the stop) and a `next start` of the existing build,
// each on a free loopback port. Guest shoppers add an item and place an order over and over;
// after a few seconds the database is stopped (fast shutdown) for a few seconds and started again
// on the same port and data. While it is away, a page and /api/health are asked too.
//
// What must hold: no answer is a 5xx other than 503, and every 503 says when to come back
// (Retry-After); the outage was seen (503s while it lasted); every order the shop acknowledged
// is in the database, and no idempotency key made two; after the restart the health check is
// 200 again and every shopper completes an order again.
import { randomBytes, randomUUID } from "node:crypto";
import { appendFileSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

import {
  createDatabase,
  openAppDatabase,
  readDbEnv,
  startEmbeddedPostgres,
  type EmbeddedServer,
} from "@bazaar/db/server";

import { ADDRESS } from "../bench/checkout-contention.ts";
import { freePort, startServer, waitUntilServing, withTimeout, type Server } from "../bench/processes.ts";
import { expect, test } from "./support/test";

const SHOPPERS = 8;
/** Each shopper's loop ends after this many rounds (add to cart, place the order) or this long. */
const SHOPPER_MAX_ROUNDS = 150;
const SHOPPER_MAX_MS = 30_000;
const LOAD_BEFORE_OUTAGE_MS = 4_000;
const OUTAGE_MS = 3_000;
/** How often the page and the health check are asked while the database is away. */
const PROBE_EVERY_MS = 700;
/** A 503's Retry-After is honoured up to this long. */
const RETRY_WAIT_CAP_MS = 2_000;
const REQUEST_TIMEOUT_MS = 10_000;
/** After the restart: the health check must be 200, and every shopper must place an order, within these. */
const HEALTHY_WITHIN_MS = 15_000;
const ORDERS_AGAIN_WITHIN_MS = 20_000;
/** Stock each shopper's variant is given (more than a shopper can order in its bounded loop). */
const PLENTY = 1_000;

const webDir = path.resolve(import.meta.dirname, "..");
const cacheDir = path.join(webDir, ".cache");
const serverLog = path.join(cacheDir, "outage-next.log");
const postgresLog = path.join(cacheDir, "outage-postgres.log");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One answer the shop gave (status 0: none, the request failed or timed out). */
interface Answer {
  /** "shopper 3", or "probe". */
  who: string;
  /** The procedure or the path. */
  what: string;
  status: number;
  retryAfter: string | null;
  sentAt: number;
  answeredAt: number;
  /** The start of the body (or the error), kept for anything but a 200. */
  body: string;
  /** For a page: its title, and whether it shows the app's error page or carries an error's digest. */
  page?: string;
  /** A page's whole HTML (not reported; attached when a page was not answered 503 in the outage). */
  html?: string;
}

/** A 200 from checkout.placeOrder. */
interface Acknowledged {
  shopper: number;
  idempotencyKey: string;
  id: string;
  number: number;
  answeredAt: number;
  /** Attempts with this key before the one that placed it (503s, failed requests). */
  retries: number;
}

/** The test's own PostgreSQL: stopped and started again on the same port and data folder. */
class ScratchPostgres {
  private server: EmbeddedServer | undefined;

  constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  get running(): boolean {
    return this.server !== undefined;
  }

  async start(): Promise<string> {
    this.server = await startEmbeddedPostgres({
      dataDir: this.dataDir,
      port: this.port,
      log: (line) => appendFileSync(postgresLog, line.endsWith("\n") ? line : `${line}\n`),
    });
    return this.server.url;
  }

  /** Fast shutdown (SIGINT to the postmaster): sessions are ended, nothing waits for clients. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.stop();
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** One request to the test's server (loopback only), answered or not, recorded in `answers`. */
async function send(
  answers: Answer[],
  origin: string,
  who: string,
  what: string,
  init: { path: string; method?: "GET" | "POST"; headers?: Record<string, string>; body?: string },
): Promise<{ answer: Answer; text: string }> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(origin))
    throw new Error(`refusing to call ${origin}: loopback only`);
  const sentAt = Date.now();
  let status = 0;
  let retryAfter: string | null = null;
  let text = "";
  try {
    const response = await fetch(origin + init.path, {
      method: init.method ?? "GET",
      headers: init.headers ?? {},
      body: init.body ?? null,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    status = response.status;
    retryAfter = response.headers.get("retry-after");
    text = await response.text();
  } catch (error) {
    status = 0;
    text = messageOf(error);
  }
  const answer: Answer = {
    who,
    what,
    status,
    retryAfter,
    sentAt,
    answeredAt: Date.now(),
    body: status === 200 ? "" : text.slice(0, 400),
  };
  if (text.trimStart().startsWith("<!")) {
    const title = /<title>([^<]*)<\/title>/.exec(text)?.[1] ?? "no title";
    // A failure inside a Suspense boundary after streaming began: a 200 whose stream ends with
    // the error's digest for the browser's error boundary ($RX("B:1","<digest>"), E{"digest":...}).
    const digests = [
      ...new Set(
        [...text.matchAll(/\$RX\("[^"]*","([^"]+)"|E\{\\"digest\\":\\"([^"\\]+)/g)].map((m) => m[1] ?? m[2]),
      ),
    ];
    answer.page = [
      `"${title}"`,
      ...(text.includes("Something went wrong") ? ["shows the error page"] : []),
      ...(digests.length > 0 ? [`error digest ${digests.join(", ")}`] : []),
    ].join(", ");
    answer.html = text;
  }
  answers.push(answer);
  return { answer, text };
}

/** A tRPC mutation over HTTP, as any client sends it: `{"json": input}`, the guest cart in X-Cart-Token. */
async function mutate(
  answers: Answer[],
  origin: string,
  who: string,
  procedure: string,
  input: unknown,
  cartToken: string | undefined,
): Promise<{ answer: Answer; data: unknown }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (cartToken) headers["x-cart-token"] = cartToken;
  const { answer, text } = await send(answers, origin, who, procedure, {
    path: `/api/trpc/${procedure}`,
    method: "POST",
    headers,
    body: JSON.stringify({ json: input }),
  });
  let data: unknown;
  if (answer.status === 200) {
    try {
      data = (JSON.parse(text) as { result?: { data?: { json?: unknown } } }).result?.data?.json;
    } catch {
      // Not JSON: `data` stays undefined and the caller treats it as no order.
    }
  }
  return { answer, data };
}

/**
 * The same request until it is answered with something other than a 503 or no answer at all,
 * waiting as Retry-After says (at most RETRY_WAIT_CAP_MS), until `deadline`.
 */
async function untilAnswered(
  call: () => Promise<{ answer: Answer; data: unknown }>,
  deadline: number,
): Promise<{ answer: Answer; data: unknown; retries: number }> {
  let retries = 0;
  for (;;) {
    const reply = await call();
    const { status, retryAfter } = reply.answer;
    if ((status !== 503 && status !== 0) || Date.now() >= deadline || retries >= 50) {
      return { ...reply, retries };
    }
    const seconds = Number(retryAfter);
    const wait = status === 503 && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 500;
    await sleep(Math.min(wait, RETRY_WAIT_CAP_MS, Math.max(0, deadline - Date.now())));
    retries++;
  }
}

/** One guest shopper: add the variant, place the order, again, until told to stop or out of bounds. */
async function shop(options: {
  index: number;
  origin: string;
  variantId: string;
  answers: Answer[];
  acknowledged: Acknowledged[];
  keys: string[];
  stopped: () => boolean;
}): Promise<void> {
  const who = `shopper ${options.index}`;
  const deadline = Date.now() + SHOPPER_MAX_MS;
  let cartToken: string | undefined;
  for (let round = 0; round < SHOPPER_MAX_ROUNDS && !options.stopped() && Date.now() < deadline; round++) {
    const added = await untilAnswered(
      () =>
        mutate(
          options.answers,
          options.origin,
          who,
          "cart.add",
          { variantId: options.variantId, quantity: 1 },
          cartToken,
        ),
      deadline,
    );
    if (added.answer.status !== 200) continue;
    cartToken ??= (added.data as { cartToken?: string | null } | undefined)?.cartToken ?? undefined;
    if (!cartToken) throw new Error(`${who}: cart.add made no guest cart (no cartToken)`);

    const idempotencyKey = randomUUID();
    options.keys.push(idempotencyKey);
    const input = {
      email: `shopper-${options.index}@outage.example`,
      address: ADDRESS,
      shippingRate: "standard",
      idempotencyKey,
    };
    const token = cartToken;
    const placed = await untilAnswered(
      () => mutate(options.answers, options.origin, who, "checkout.placeOrder", input, token),
      deadline,
    );
    const order = placed.data as { id?: unknown; number?: unknown } | undefined;
    if (placed.answer.status === 200 && typeof order?.id === "string" && typeof order.number === "number") {
      options.acknowledged.push({
        shopper: options.index,
        idempotencyKey,
        id: order.id,
        number: order.number,
        answeredAt: placed.answer.answeredAt,
        retries: placed.retries,
      });
    }
  }
}

/** Poll `path` until it answers 200 (recorded as probes); the time it did, or null. */
async function firstOk(answers: Answer[], origin: string, urlPath: string, withinMs: number) {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const { answer } = await send(answers, origin, "probe", urlPath, { path: urlPath });
    if (answer.status === 200) return answer.answeredAt;
    await sleep(250);
  }
  return null;
}

const list = (answers: Answer[]) =>
  answers
    .slice(0, 5)
    .map(
      (a) =>
        `${a.who} ${a.what}: ${a.status}, Retry-After ${a.retryAfter ?? "none"}, at +${a.answeredAt} ms: ${a.page ?? a.body.slice(0, 300)}`,
    )
    .join("\n");

test.describe("a PostgreSQL outage during checkouts", () => {
  test.describe.configure({ timeout: 180_000 });

  let workDir: string | undefined;
  let postgres: ScratchPostgres | undefined;
  let server: Server | undefined;
  let databaseUrl = "";
  /** Kills the server's process group if the worker exits without afterAll (it is detached). */
  let killOnExit: (() => void) | undefined;

  test.beforeAll(async () => {
    await mkdir(cacheDir, { recursive: true });
    writeFileSync(postgresLog, "");
    workDir = await mkdtemp(path.join(cacheDir, "outage-"));
    postgres = new ScratchPostgres(path.join(workDir, "postgres"), await freePort());
    const serverUrl = await withTimeout(postgres.start(), 30_000, "starting PostgreSQL");
    // Migrated and seeded as `with-db` does when DATABASE_URL names an existing server.
    databaseUrl = await createDatabase(serverUrl, "bazaar_outage");
    await withTimeout(
      openAppDatabase(readDbEnv({ DATABASE_URL: databaseUrl }), (line) =>
        appendFileSync(postgresLog, `[db] ${line}\n`),
      ),
      90_000,
      "migrating and seeding",
    );

    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    server = startServer({
      name: "next start (outage test)",
      command: path.join(webDir, "node_modules", ".bin", "next"),
      args: ["start", "--hostname", "127.0.0.1", "--port", String(port), "--keepAliveTimeout", "70000"],
      cwd: webDir,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: randomBytes(32).toString("hex"),
        APP_URL: origin,
        CATALOG_CACHE: "on",
      },
      port,
      logFile: serverLog,
    });
    const pid = server.child.pid;
    killOnExit = () => {
      if (pid === undefined) return;
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // Gone already.
      }
    };
    process.once("exit", killOnExit);
    await waitUntilServing(server, `${origin}/api/health`, 60_000);
  });

  test.afterAll(async () => {
    // The server first (it holds connections), then the database, then its files.
    const failures: string[] = [];
    if (server)
      await withTimeout(server.stop(), 20_000, "stopping next").catch((e) => failures.push(messageOf(e)));
    if (killOnExit) process.removeListener("exit", killOnExit);
    if (postgres?.running) {
      await withTimeout(postgres.stop(), 20_000, "stopping PostgreSQL").catch((e) =>
        failures.push(messageOf(e)),
      );
    }
    if (workDir && !postgres?.running) await rm(workDir, { recursive: true, force: true });
    if (failures.length > 0) throw new Error(failures.join("; "));
  });

  test("checkouts answer 503 with Retry-After while it is away, and recover @outage", async () => {
    if (!server || !postgres) throw new Error("the test's server and database did not start");
    const origin = server.origin;
    const answers: Answer[] = [];
    const acknowledged: Acknowledged[] = [];
    const keys: string[] = [];

    // A variant of its own for each shopper (no shopper waits on another's row lock), with stock
    // for every round it can make.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    let variants: string[];
    try {
      const { rows } = await db.query<{ id: string }>(
        `SELECT v."id" FROM "ProductVariant" v JOIN "Product" p ON p."id" = v."productId"
         WHERE p."status" = 'PUBLISHED' AND v."currency" = 'USD' AND v."stockOnHand" > 0
         ORDER BY v."stockOnHand" DESC, v."id" LIMIT $1`,
        [SHOPPERS],
      );
      variants = rows.map((row) => row.id);
      expect(variants, "in-stock USD variants, one per shopper").toHaveLength(SHOPPERS);
      await db.query(
        `UPDATE "ProductVariant" SET "stockOnHand" = GREATEST("stockOnHand", $1::int) WHERE "id" = ANY($2)`,
        [PLENTY, variants],
      );
    } finally {
      await db.end();
    }

    // The load.
    let stopShopping = false;
    const loadStartedAt = Date.now();
    const shoppers = Promise.all(
      variants.map((variantId, index) =>
        shop({ index, origin, variantId, answers, acknowledged, keys, stopped: () => stopShopping }),
      ),
    );
    const outage = { stopAt: 0, downAt: 0, restartAt: 0, upAt: 0 };
    const probes: Answer[] = [];
    let healthyAt: number | null = null;
    let everyoneOrderedAt: number | null = null;
    try {
      await sleep(LOAD_BEFORE_OUTAGE_MS);
      expect(acknowledged.length, "orders placed before the outage").toBeGreaterThan(0);

      // The outage: a fast shutdown, a few seconds away, the same port and data folder again.
      outage.stopAt = Date.now();
      await withTimeout(postgres.stop(), 15_000, "stopping PostgreSQL");
      outage.downAt = Date.now();
      while (Date.now() < outage.downAt + OUTAGE_MS) {
        const round = Date.now();
        const [page, health] = await Promise.all([
          send(answers, origin, "probe", "/", { path: "/" }),
          send(answers, origin, "probe", "/api/health", { path: "/api/health" }),
        ]);
        probes.push(page.answer, health.answer);
        await sleep(
          Math.max(
            0,
            Math.min(PROBE_EVERY_MS - (Date.now() - round), outage.downAt + OUTAGE_MS - Date.now()),
          ),
        );
      }
      outage.restartAt = Date.now();
      await withTimeout(postgres.start(), 30_000, "starting PostgreSQL again");
      outage.upAt = Date.now();

      // Recovery: the health check, then an order from every shopper.
      healthyAt = await firstOk(answers, origin, "/api/health", HEALTHY_WITHIN_MS);
      const againDeadline = outage.upAt + ORDERS_AGAIN_WITHIN_MS;
      while (Date.now() < againDeadline) {
        const done = new Set(acknowledged.filter((a) => a.answeredAt > outage.upAt).map((a) => a.shopper));
        if (done.size === SHOPPERS) {
          everyoneOrderedAt = Date.now();
          break;
        }
        await sleep(100);
      }
    } finally {
      stopShopping = true;
      await withTimeout(shoppers, SHOPPER_MAX_MS + REQUEST_TIMEOUT_MS + 5_000, "the shoppers' loops");
    }
    const loadSeconds = (Date.now() - loadStartedAt) / 1000;

    // The figures.
    const during = (a: Answer) => a.answeredAt >= outage.downAt && a.sentAt <= outage.upAt;
    const unavailable = answers.filter((a) => a.status === 503);
    const firstOrderAfter = acknowledged
      .filter((a) => a.answeredAt > outage.upAt)
      .reduce<number | null>((min, a) => (min === null || a.answeredAt < min ? a.answeredAt : min), null);
    const figures = {
      requests: answers.length,
      "503s": unavailable.length,
      "503s during the outage": unavailable.filter(during).length,
      "failed requests": answers.filter((a) => a.status === 0).length,
      "acknowledged orders": acknowledged.length,
      "orders placed on a retry after a 503": acknowledged.filter((a) => a.retries > 0).length,
      "seconds down": ((outage.upAt - outage.stopAt) / 1000).toFixed(1),
      "seconds from restart to /api/health 200":
        healthyAt === null ? "never" : ((healthyAt - outage.upAt) / 1000).toFixed(2),
      "seconds from restart to first order":
        firstOrderAfter === null ? "never" : ((firstOrderAfter - outage.upAt) / 1000).toFixed(2),
      "seconds from restart to an order from every shopper":
        everyoneOrderedAt === null ? "never" : ((everyoneOrderedAt - outage.upAt) / 1000).toFixed(2),
      "seconds of load": loadSeconds.toFixed(1),
    };
    for (const [type, value] of Object.entries(figures)) {
      test.info().annotations.push({ type: `outage: ${type}`, description: String(value) });
    }
    console.log(
      `[outage] ${Object.entries(figures)
        .map(([type, value]) => `${type}: ${value}`)
        .join("; ")} (server log: ${path.relative(webDir, serverLog)})`,
    );

    // Every answer by what was asked and its status, and the probes in order, for the report.
    const tally: Record<string, Record<string, number>> = {};
    for (const a of answers) {
      const row = (tally[a.what] ??= {});
      const key = `${a.status}${a.status === 503 ? (a.retryAfter ? ` (Retry-After ${a.retryAfter})` : " (no Retry-After)") : ""}`;
      row[key] = (row[key] ?? 0) + 1;
    }
    // Times from the start of the load; pages without their HTML.
    const shown = ({ html: _html, ...a }: Answer) => ({
      ...a,
      sentAt: a.sentAt - loadStartedAt,
      answeredAt: a.answeredAt - loadStartedAt,
    });
    await test.info().attach("answers", {
      contentType: "application/json",
      body: JSON.stringify(
        {
          outage: {
            stoppedAt: outage.stopAt - loadStartedAt,
            downAt: outage.downAt - loadStartedAt,
            restartedAt: outage.restartAt - loadStartedAt,
            upAt: outage.upAt - loadStartedAt,
          },
          tally,
          probes: probes.map(shown),
          notOk: answers.filter((a) => a.status !== 200 && a.status !== 503).map(shown),
        },
        null,
        2,
      ),
    });

    // No 500, no other 5xx but 503, and every 503 says when to come back.
    const serverErrors = answers.filter((a) => a.status >= 500 && a.status !== 503).map(shown);
    expect.soft(serverErrors, `5xx other than 503 (see ${serverLog}):\n${list(serverErrors)}`).toEqual([]);
    const withoutRetryAfter = unavailable.filter((a) => !/^[1-9]\d*$/.test(a.retryAfter ?? "")).map(shown);
    expect
      .soft(withoutRetryAfter, `503s without a positive Retry-After:\n${list(withoutRetryAfter)}`)
      .toEqual([]);
    const noAnswer = answers.filter((a) => a.status === 0).map(shown);
    expect.soft(noAnswer, `requests that got no answer:\n${list(noAnswer)}`).toEqual([]);
    expect.soft(server.child.exitCode, `the server exited (see ${serverLog})`).toBeNull();

    // The outage was seen, by the shoppers and by the page.
    expect.soft(unavailable.filter(during).length, "503s while PostgreSQL was away").toBeGreaterThan(0);
    const pages = probes.filter((a) => a.what === "/").map(shown);
    expect.soft(pages.length, "page requests while PostgreSQL was away").toBeGreaterThan(0);
    const pagesNot503 = pages.filter((a) => a.status !== 503 || !a.retryAfter);
    const firstNot503 = probes.find((a) => a.what === "/" && (a.status !== 503 || !a.retryAfter));
    if (firstNot503?.html) {
      await test.info().attach("a page not answered 503 during the outage", {
        contentType: "text/html",
        body: firstNot503.html,
      });
    }
    expect
      .soft(pagesNot503, `pages not answered 503 with Retry-After during the outage:\n${list(pagesNot503)}`)
      .toEqual([]);
    const healthDuring = probes.filter((a) => a.what === "/api/health");
    expect
      .soft(
        healthDuring.map((a) => a.status),
        "/api/health while PostgreSQL was away",
      )
      .toContain(503);

    // Recovery.
    expect
      .soft(healthyAt, `/api/health 200 within ${HEALTHY_WITHIN_MS / 1000} s of the restart`)
      .not.toBeNull();
    expect
      .soft(
        everyoneOrderedAt,
        `an order from every shopper within ${ORDERS_AGAIN_WITHIN_MS / 1000} s of the restart`,
      )
      .not.toBeNull();

    // Every acknowledged order is in the database, under its key, and no key made two orders.
    const check = new pg.Client({ connectionString: databaseUrl });
    await check.connect();
    try {
      const { rows: stored } = await check.query<{ id: string; number: number; idempotencyKey: string }>(
        `SELECT "id", "number", "idempotencyKey" FROM "Order" WHERE "id" = ANY($1)`,
        [acknowledged.map((a) => a.id)],
      );
      const byId = new Map(stored.map((row) => [row.id, row]));
      const missing = acknowledged.filter((a) => {
        const row = byId.get(a.id);
        return row?.number !== a.number || row.idempotencyKey !== a.idempotencyKey;
      });
      expect
        .soft(missing, "acknowledged orders missing from the database (or under another key)")
        .toEqual([]);
      const { rows: twice } = await check.query<{ idempotencyKey: string; orders: number }>(
        `SELECT "idempotencyKey", count(*)::int AS "orders" FROM "Order"
         WHERE "idempotencyKey" = ANY($1) GROUP BY "idempotencyKey" HAVING count(*) > 1`,
        [keys],
      );
      expect.soft(twice, "idempotency keys with more than one order").toEqual([]);
    } finally {
      await check.end();
    }
  });
});
