// Property-based fuzzing over HTTP (harness.ts) of what surrounds the procedures: methods, paths,
// batches, bodies, content types and headers, on /api/trpc and /api/v1 alike.
import { createTestDatabase } from "@bazaar/db/testing";
import { TRPC_MAX_BATCH_SIZE } from "@bazaar/validators";
import fc from "fast-check";
import { afterAll, expect, it } from "vitest";

import { appRouter } from "../../src/root.ts";
import { FUZZ_RUNS, openFuzzWorld, probe, report, send, type Finding } from "./harness.ts";
import { HOSTILE_STRINGS, hostileValue } from "./hostile.ts";

const { db } = await createTestDatabase();
const world = await openFuzzWorld(db);
afterAll(() => world.server.close());

const paths = Object.keys(appRouter._def.procedures);

const method = fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
const procedurePath = fc.oneof(
  fc.constantFrom(...paths),
  // Batches: within the limit, at it, past it, and mixing queries with mutations.
  fc
    .array(fc.constantFrom(...paths), { minLength: 2, maxLength: TRPC_MAX_BATCH_SIZE * 3 })
    .map((list) => list.join(",")),
  fc.constantFrom(
    "",
    "nope",
    "account",
    "admin.products",
    "a.b.c.d.e.f",
    "%zz",
    "%00",
    "..%2F..%2Fetc",
    "x".repeat(5_000),
  ),
);
const query = fc.oneof(
  fc.constant(""),
  fc.constantFrom(
    "?batch=1",
    "?batch=1&input={}",
    "?batch=2",
    "?input=",
    "?input={",
    "?input=null",
    "?input=%E0%A4%A",
  ),
  hostileValue.map((value) => `?input=${encodeURIComponent(JSON.stringify({ json: value }) ?? "")}`),
  fc.jsonValue({ maxDepth: 3 }).map((value) => `?batch=1&input=${encodeURIComponent(JSON.stringify(value))}`),
);
const contentType = fc.constantFrom(
  undefined,
  "application/json",
  "application/json; charset=utf-16",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "multipart/form-data",
  "application/octet-stream",
  "application/jsonl",
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(
    "",
    "{",
    "null",
    "[]",
    '{"json":',
    "\u0000",
    '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n',
  ),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  hostileValue.map((value) => JSON.stringify({ json: value }) ?? "null"),
  fc.constant(`${"[".repeat(3_000)}${"]".repeat(3_000)}`),
);
const headerValue = fc.oneof(
  fc.constantFrom(
    // Only what a header can carry: printable ASCII.
    ...HOSTILE_STRINGS.filter((s) => s.length < 200 && /^[\x20-\x7e]*$/.test(s)),
  ),
  fc.string({ maxLength: 60 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
);
const headers = fc.record(
  {
    authorization: fc.oneof(
      headerValue,
      headerValue.map((v) => `Bearer ${v}`),
      fc.constant("Bearer bzk_" + "a".repeat(43)),
    ),
    "x-cart-token": headerValue,
    cookie: headerValue.map((v) => `bazaar.session=${v}; bazaar.cart=${v}`),
    "x-request-id": headerValue,
    accept: fc.constantFrom("application/jsonl", "*/*", "text/event-stream"),
    "trpc-accept": fc.constant("application/jsonl"),
    "last-event-id": headerValue,
  },
  { requiredKeys: [] },
);

const request = fc.record({ method, path: procedurePath, query, contentType, body, headers });

type Shape = typeof request extends fc.Arbitrary<infer T> ? T : never;

function fetchInit(r: Shape): RequestInit {
  const sendsBody = r.body !== undefined && r.method !== "GET" && r.method !== "HEAD";
  return {
    method: r.method,
    headers: { ...r.headers, ...(r.contentType ? { "content-type": r.contentType } : {}) },
    body: sendsBody ? r.body : undefined,
  };
}

it(
  "no request to /api/trpc answers a 5xx, whatever its method, path, batch, body or headers",
  { timeout: 600_000 },
  async () => {
    const findings: Finding[] = [];
    let calls = 0;
    // Many shapes: ten times the per-procedure count.
    for (const round of Array.from({ length: 10 }, (_, i) => i)) {
      const finding = await probe(`/api/trpc round ${round}`, "any", request, async (r) => {
        calls++;
        const answer = await send(`${world.server.origin}/api/trpc/${r.path}${r.query}`, fetchInit(r));
        return {
          answer,
          sent: `${r.method} /api/trpc/${r.path.slice(0, 120)}${r.query.slice(0, 120)} ${r.contentType ?? "(no type)"} ${String(r.body).slice(0, 120)}`,
        };
      });
      if (finding) findings.push(finding);
    }
    console.log(report("tRPC HTTP layer", { findings, calls }));
    expect(findings).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(10 * FUZZ_RUNS);
  },
);

const restPath = fc.oneof(
  fc.constantFrom(
    "/products",
    "/products/x",
    "/categories",
    "/search",
    "/stock",
    "/stock/x/adjustments",
    "/orders",
    "/orders/x",
    "/orders/x/fulfilment",
  ),
  fc.constantFrom(
    "",
    "/",
    "/nope",
    "/products/%zz",
    "/products/%00",
    "/..%2F..%2Fetc",
    `/products/${"x".repeat(5_000)}`,
  ),
);
const restQuery = fc.oneof(
  fc.constant(""),
  fc
    .dictionary(
      fc.constantFrom(
        "q",
        "limit",
        "cursor",
        "sku",
        "from",
        "to",
        "status",
        "minPrice",
        "inStock",
        "sort",
        "toString",
        "__proto__",
        "hasOwnProperty",
      ),
      fc.oneof(headerValue, fc.constantFrom("-1", "1e400", "NaN", "true")),
    )
    .map((params) => `?${new URLSearchParams(params).toString()}`),
);

it(
  "no request to /api/v1 answers a 5xx, whatever its method, path, query, body or headers",
  { timeout: 600_000 },
  async () => {
    const findings: Finding[] = [];
    let calls = 0;
    const restRequest = fc.record({
      method,
      path: restPath,
      query: restQuery,
      contentType,
      body,
      headers,
      keyed: fc.boolean(),
    });
    for (const round of Array.from({ length: 5 }, (_, i) => i)) {
      const finding = await probe(`/api/v1 round ${round}`, "any", restRequest, async (r) => {
        calls++;
        const init = fetchInit(r);
        if (r.keyed)
          init.headers = {
            ...(init.headers as Record<string, string>),
            authorization: `Bearer ${world.apiKey}`,
          };
        const answer = await send(`${world.server.origin}/api/v1${r.path}${r.query}`, init);
        return {
          answer,
          sent: `${r.method} /api/v1${r.path.slice(0, 120)}${r.query.slice(0, 120)} ${r.contentType ?? "(no type)"} ${String(r.body).slice(0, 120)}`,
        };
      });
      if (finding) findings.push(finding);
    }
    console.log(report("REST HTTP layer", { findings, calls }));
    expect(findings).toEqual([]);
  },
);
