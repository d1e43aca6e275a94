// The fuzz runs over HTTP: a server on loopback hands /api/trpc and /api/v1 to the very handlers
// the web app's routes call, with a test database behind them. Every procedure and REST
// operation gets inputs from its own schema and hostile ones (hostile.ts), as each caller; no
// answer may be a 5xx. FUZZ_SEED and FUZZ_RUNS choose the run (`pnpm fuzz` runs a longer one).
import { getRequestListener } from "@hono/node-server";
import { createSession, readAuthEnv } from "@bazaar/auth";
import type { Db, Role } from "@bazaar/db";
import { seedCatalog } from "@bazaar/db/seed";
import { seedCheckoutRates } from "@bazaar/db/seed/checkout-rates";
import fc from "fast-check";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { z } from "zod";

import { handleRestRequest } from "../../src/rest/handler.ts";
import { restV1Router } from "../../src/rest/v1/router.ts";
import { appRouter } from "../../src/root.ts";
import { handleTrpcRequest } from "../../src/trpc-handler.ts";
import { makeKey } from "../rest.ts";
import { hostileEnvelope, withHostility } from "./hostile.ts";
import { arbitraryFor, type KnownValues } from "./schema-arbitrary.ts";

/** The run: a fixed seed and a small count in CI; `pnpm fuzz` sets larger ones. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261207);
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 6);
/** A request that has not answered by then is a finding of its own (a hang is as bad as a 500). */
const REQUEST_TIMEOUT_MS = 10_000;

export interface FuzzServer {
  origin: string;
  close(): Promise<void>;
}

export async function startFuzzServer(db: Db): Promise<FuzzServer> {
  const listener = getRequestListener((req) => {
    const { pathname } = new URL(req.url);
    if (pathname.startsWith("/api/trpc/")) return handleTrpcRequest(req, { db });
    if (pathname.startsWith("/api/v1/")) return handleRestRequest(req, { db, corsOrigins: [] });
    return new Response("Not found", { status: 404 });
  });
  // The listener answers through its own promise; node:http only needs it called.
  const server: Server = createServer((req, res) => void listener(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Identity = "anonymous" | "customerA" | "customerB" | "staff" | "admin";
export const IDENTITIES: readonly Identity[] = ["anonymous", "customerA", "customerB", "staff", "admin"];
const ROLE: Record<Exclude<Identity, "anonymous">, Role> = {
  customerA: "CUSTOMER",
  customerB: "CUSTOMER",
  staff: "STAFF",
  admin: "ADMIN",
};

export interface FuzzWorld {
  db: Db;
  server: FuzzServer;
  known: KnownValues;
  users: Record<Exclude<Identity, "anonymous">, string>;
  /** A key with every scope, for the REST operations. */
  apiKey: string;
}

/** A seeded shop (catalog, rates, people, an API key) with the fuzz server in front of it. */
export async function openFuzzWorld(db: Db): Promise<FuzzWorld> {
  await seedCatalog(db);
  await seedCheckoutRates(db);
  const users = {} as FuzzWorld["users"];
  for (const identity of Object.keys(ROLE) as (keyof typeof ROLE)[]) {
    const user = await db.user.create({
      data: { email: `${identity.toLowerCase()}@fuzz.test`, role: ROLE[identity], emailVerified: new Date() },
    });
    users[identity] = user.id;
  }
  const { key } = await makeKey(db, users.admin);
  const known = await knownValues(db);
  return { db, server: await startFuzzServer(db), known, users, apiKey: key };
}

async function knownValues(db: Db): Promise<KnownValues> {
  const [products, variants, categories, users] = await Promise.all([
    db.product.findMany({ select: { id: true, slug: true }, take: 20 }),
    db.productVariant.findMany({ select: { id: true }, take: 20 }),
    db.category.findMany({ select: { id: true, slug: true } }),
    db.user.findMany({ select: { id: true } }),
  ]);
  return {
    ids: [...products, ...variants, ...categories, ...users].map((row) => row.id),
    slugs: [...products, ...categories].map((row) => row.slug),
  };
}

/**
 * Fresh sessions for the signed-in callers, with their roles as they should be: a fuzzed call may
 * have signed one out everywhere or changed a role (admin.customers.setRole on a known id).
 */
async function signIn(world: FuzzWorld): Promise<Record<Identity, string | null>> {
  const policy = readAuthEnv();
  const tokens: Record<Identity, string | null> = { anonymous: null } as Record<Identity, string | null>;
  for (const identity of Object.keys(ROLE) as (keyof typeof ROLE)[]) {
    const id = world.users[identity];
    const user = await world.db.user.update({
      where: { id },
      data: { role: ROLE[identity], deletedAt: null },
    });
    tokens[identity] = (
      await createSession(world.db, policy, { user, kind: "BEARER", ip: "127.0.0.1", userAgent: "fuzz" })
    ).token;
  }
  return tokens;
}

export interface Answer {
  status: number;
  body: string;
}

/** One HTTP request with a deadline; a subscription is read up to its first real event. */
export async function send(url: string, init: RequestInit, stream = false): Promise<Answer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  try {
    const response = await fetch(url, { ...init, signal: controller.signal });
    if (!stream || !response.body) return { status: response.status, body: await response.text() };
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const until = Date.now() + 2_000;
    while (Date.now() < until && !/event: (?!connected|ping)/.test(text) && !/^data: /m.test(text)) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<{ done: true; value: undefined }>((resolve) =>
          setTimeout(() => resolve({ done: true, value: undefined }), Math.max(0, until - Date.now())),
        ),
      ]);
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
    await reader.cancel().catch(() => undefined);
    return { status: response.status, body: text };
  } catch (error) {
    return { status: controller.signal.aborted ? 599 : 598, body: String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** A failure the run found: what was sent, as whom, and what came back. */
export interface Finding {
  target: string;
  identity: string;
  request: string;
  status: number;
  body: string;
  seed: number;
}

/** Server faults: a 5xx, or an error inside a 200 body (a batch, or a stream's error event). */
export const isServerFault = (answer: Answer) =>
  answer.status >= 500 || /"httpStatus":5\d\d|INTERNAL_SERVER_ERROR/.test(answer.body);

const describe = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text;
};

/** Each target's own seed, so a finding replays alone with FUZZ_SEED and the name. */
function seedOf(name: string): number {
  let hash = FUZZ_SEED;
  for (let i = 0; i < name.length; i++) hash = (Math.imul(hash, 31) + name.charCodeAt(i)) | 0;
  return hash;
}

/**
 * Run `property` FUZZ_RUNS times from `arbitrary`, and report the smallest input that broke it
 * (fast-check shrinks it) instead of stopping the whole run.
 */
export async function probe<T>(
  name: string,
  identity: string,
  arbitrary: fc.Arbitrary<T>,
  request: (input: T) => Promise<{ answer: Answer; sent: string }>,
): Promise<Finding | null> {
  const seed = seedOf(`${name} ${identity}`);
  let last: Finding | null = null;
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (input) => {
      const { answer, sent } = await request(input);
      if (!isServerFault(answer)) return true;
      last = {
        target: name,
        identity,
        request: sent,
        status: answer.status,
        body: answer.body.slice(0, 500),
        seed,
      };
      return false;
    }),
    { seed, numRuns: FUZZ_RUNS, maxSkipsPerRun: 0, endOnFailure: false, interruptAfterTimeLimit: 120_000 },
  );
  return details.failed ? last : null;
}

interface AnyProcedure {
  _def: { type: string; inputs: z.ZodType[]; meta?: { openapi?: { method: string; path: string } } };
}

const procedures = (router: { _def: { procedures: object } }) =>
  Object.entries(router._def.procedures as Record<string, AnyProcedure>).sort(([a], [b]) =>
    a.localeCompare(b),
  );

/** Every tRPC procedure whose path starts with one of `prefixes`, as every caller. */
export async function fuzzTrpc(
  world: FuzzWorld,
  prefixes: readonly string[],
): Promise<{ findings: Finding[]; calls: number }> {
  const findings: Finding[] = [];
  let calls = 0;
  for (const [path, procedure] of procedures(appRouter)) {
    if (!prefixes.some((prefix) => path.startsWith(prefix))) continue;
    const { type, inputs } = procedure._def;
    const shaped = arbitraryFor(inputs[0], world.known);
    const arbitrary = fc.oneof(
      { arbitrary: withHostility(shaped).map((json) => ({ json })), weight: 9 },
      { arbitrary: shaped.chain(hostileEnvelope), weight: 1 },
    );
    const tokens = await signIn(world);
    for (const identity of IDENTITIES) {
      const token = tokens[identity];
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      const finding = await probe(path, identity, arbitrary, async (envelope) => {
        calls++;
        const encoded = JSON.stringify(envelope);
        const url = `${world.server.origin}/api/trpc/${path}`;
        if (type === "mutation") {
          const answer = await send(url, {
            method: "POST",
            headers: { ...headers, "content-type": "application/json" },
            body: encoded,
          });
          return { answer, sent: `POST ${path} ${describe(envelope)}` };
        }
        const answer = await send(
          `${url}?input=${encodeURIComponent(encoded)}`,
          { headers },
          type === "subscription",
        );
        return { answer, sent: `GET ${path} ${describe(envelope)}` };
      });
      if (finding) findings.push(finding);
    }
  }
  return { findings, calls };
}

/** A query string the way REST clients write one: each value as text, lists repeated. */
function queryString(input: unknown): string {
  if (!input || typeof input !== "object" || Array.isArray(input)) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value])
      params.append(key, typeof item === "object" ? JSON.stringify(item) : String(item));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Every REST operation, with no key, a session token (refused) and a key with every scope. */
export async function fuzzRest(world: FuzzWorld): Promise<{ findings: Finding[]; calls: number }> {
  const findings: Finding[] = [];
  let calls = 0;
  const tokens = await signIn(world);
  const callers: Record<string, Record<string, string>> = {
    anonymous: {},
    "admin session": { authorization: `Bearer ${tokens.admin}` },
    "api key": { authorization: `Bearer ${world.apiKey}` },
  };
  for (const [, procedure] of procedures(restV1Router)) {
    const openapi = procedure._def.meta?.openapi;
    if (!openapi) continue;
    const shaped = arbitraryFor(procedure._def.inputs[0], world.known);
    for (const [caller, headers] of Object.entries(callers)) {
      const finding = await probe(
        `${openapi.method} ${openapi.path}`,
        caller,
        withHostility(shaped),
        async (input) => {
          calls++;
          const fields = input && typeof input === "object" && !Array.isArray(input) ? { ...input } : {};
          const path = openapi.path.replace(/\{(\w+)\}/g, (_, param: string) => {
            const value = (fields as Record<string, unknown>)[param];
            delete (fields as Record<string, unknown>)[param];
            return encodeURIComponent(typeof value === "string" ? value : (JSON.stringify(value) ?? "x"));
          });
          const url = `${world.server.origin}/api/v1${path}`;
          if (openapi.method === "GET") {
            const answer = await send(`${url}${queryString(fields)}`, { headers });
            return { answer, sent: `GET ${path}${queryString(fields).slice(0, 200)}` };
          }
          const body = JSON.stringify(
            typeof input === "object" && input !== null && !Array.isArray(input) ? fields : input,
          );
          const answer = await send(url, {
            method: openapi.method,
            headers: { ...headers, "content-type": "application/json" },
            body,
          });
          return { answer, sent: `${openapi.method} ${path} ${describe(JSON.parse(body))}` };
        },
      );
      if (finding) findings.push(finding);
    }
  }
  return { findings, calls };
}

/** The findings, one block each, as `pnpm fuzz` prints them. */
export function report(title: string, result: { findings: Finding[]; calls: number }): string {
  const lines = [
    `${title}: ${result.calls} requests (seed ${FUZZ_SEED}, ${FUZZ_RUNS} runs per target and caller), ${result.findings.length} finding(s)`,
  ];
  for (const f of result.findings)
    lines.push(
      `  ${f.target} as ${f.identity}: ${f.status}\n    sent ${f.request}\n    got  ${f.body.replace(/\s+/g, " ").slice(0, 300)}`,
    );
  return lines.join("\n");
}
