// The HTTP side of /api/trpc, shared by the web app's route and the tests that call procedures
// over HTTP: what may be sent (size, content type, batch) is decided here, before tRPC reads a
// body; then tRPC's fetch adapter, the context, and the headers every answer carries.
import type { RateLimiter } from "@bazaar/auth";
import type { Db } from "@bazaar/db";
import type { MediaStorage } from "@bazaar/media";
import { TRPC_MAX_BATCH_SIZE } from "@bazaar/validators";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { refuseOversizedBody } from "./body-limit.ts";
import { createContext } from "./context.ts";
import { retryAfterHeader } from "./errors.ts";
import type { OrderFeed } from "./orders/live.ts";
import type { PaymentProvider } from "./payments/provider.ts";
import type { ReadCache } from "./read-cache.ts";
import { appRouter } from "./root.ts";
import type { ProcedureMeta } from "./trpc.ts";

export const TRPC_ENDPOINT = "/api/trpc";

export interface TrpcDeps {
  db: Db;
  readCache?: ReadCache;
  orderFeed?: OrderFeed;
  /** Tests pass their own; the app uses the process's. */
  rateLimiter?: RateLimiter;
  mediaStorage?: MediaStorage;
  paymentProvider?: PaymentProvider;
}

/** Procedures that take multipart form data (a file): their `meta` says `multipart: true`. */
let multipartPaths: ReadonlySet<string> | undefined;
function takesMultipart(path: string): boolean {
  multipartPaths ??= new Set(
    Object.entries(appRouter._def.procedures)
      .filter(
        ([, procedure]) => (procedure as unknown as { _def: { meta?: ProcedureMeta } })._def.meta?.multipart,
      )
      .map(([name]) => name),
  );
  return multipartPaths.has(path);
}

function refusal(status: number, code: string, message: string): Response {
  const body = {
    error: { json: { message, code: -32600, data: { code, httpStatus: status, requestId: null } } },
  };
  return Response.json(body, { status });
}

/**
 * A POST's body must be JSON, except for the procedures that take a file. Multipart is a type a
 * plain HTML form may send cross-site without a preflight, so nothing else accepts it.
 */
function refuseContentType(req: Request, path: string): Response | null {
  if (req.method !== "POST") return null;
  const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/json") return null;
  if (type === "multipart/form-data" && takesMultipart(path)) return null;
  return refusal(
    415,
    "UNSUPPORTED_MEDIA_TYPE",
    takesMultipart(path) ? "Send multipart/form-data." : "Send application/json.",
  );
}

/** The procedure (or batch of them) a URL names; null for a malformed escape, which names none. */
function procedurePath(url: string): string | null {
  const raw = new URL(url).pathname.slice(TRPC_ENDPOINT.length + 1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

export async function handleTrpcRequest(req: Request, deps: TrpcDeps): Promise<Response> {
  const path = procedurePath(req.url);
  // tRPC's adapter would throw on the malformed escape itself: a 500.
  if (path === null) return refusal(404, "NOT_FOUND", "No such procedure.");
  // Refused before tRPC reads the body into memory.
  const refused = refuseOversizedBody(req) ?? refuseContentType(req, path);
  if (refused) return refused;
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    router: appRouter,
    req,
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    createContext: ({ resHeaders }) => createContext({ ...deps, headers: req.headers, resHeaders }),
    // Echo the request id so a shopper's report can be matched to the server's log lines. A 429
    // or a 503 also says when to come back.
    responseMeta: ({ ctx, errors }) => ({
      headers: new Headers({
        ...(ctx ? { "x-request-id": ctx.requestId } : {}),
        ...retryAfterHeader(errors),
      }),
    }),
  });
}
