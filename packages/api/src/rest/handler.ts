// The HTTP side of REST v1: CORS for the configured origins, the body limit, the request id, 201
// for what creates, and every failure rewritten into the one documented error shape (the adapter
// answers with tRPC's error body, which the document does not describe).
import type { RateLimiter } from "@bazaar/auth";
import type { Db } from "@bazaar/db";
import { createOpenApiFetchHandler } from "trpc-to-openapi";

import { oversizedBody } from "../body-limit.ts";
import { createContext, requestIdOf } from "../context.ts";
import { retryAfterHeader } from "../errors.ts";
import type { PaymentProvider } from "../payments/provider.ts";
import { readRestEnv } from "./env.ts";
import { CREATED_OPERATIONS, REST_V1_BASE_PATH } from "./v1/document.ts";
import { restV1Router } from "./v1/router.ts";
import type { ApiError } from "./v1/schemas.ts";

export interface RestDeps {
  db: Db;
  /** Browser origins allowed to call; default: API_CORS_ORIGINS. */
  corsOrigins?: readonly string[];
  /** Tests pass their own; the app uses the process's. */
  rateLimiter?: RateLimiter;
  paymentProvider?: PaymentProvider;
}

let configuredOrigins: readonly string[] | undefined;

const EXPOSED_HEADERS = "X-Request-Id, Retry-After";

function corsHeaders(origin: string | null, allowed: readonly string[]): Record<string, string> {
  // Vary on every answer, so a cache never hands one origin's answer to another.
  if (!origin || !allowed.includes(origin)) return { vary: "Origin" };
  return {
    vary: "Origin",
    "access-control-allow-origin": origin,
    "access-control-expose-headers": EXPOSED_HEADERS,
  };
}

function errorResponse(status: number, error: ApiError["error"], headers: Record<string, string>): Response {
  return Response.json({ error } satisfies ApiError, { status, headers });
}

interface AdapterErrorBody {
  code?: unknown;
  message?: unknown;
  data?: { code?: unknown; fieldErrors?: unknown; stockConflicts?: unknown } | null;
}

/** The adapter's error body (tRPC's shape plus Zod issues) as the documented envelope. */
function envelope(body: AdapterErrorBody | null, requestId: string): ApiError["error"] {
  const code =
    typeof body?.data?.code === "string"
      ? body.data.code
      : typeof body?.code === "string"
        ? body.code
        : "INTERNAL_SERVER_ERROR";
  const fieldErrors =
    body?.data?.fieldErrors && typeof body.data.fieldErrors === "object"
      ? (body.data.fieldErrors as Record<string, string[]>)
      : null;
  const message = fieldErrors
    ? "Invalid input."
    : typeof body?.message === "string"
      ? body.message
      : "Something went wrong on our side.";
  const stockConflicts = Array.isArray(body?.data?.stockConflicts)
    ? (body.data.stockConflicts as ApiError["error"]["stockConflicts"])
    : null;
  return { code, message, fieldErrors, stockConflicts, requestId };
}

/** Answer one request to /api/v1/…; the route handler passes every method here. */
export async function handleRestRequest(req: Request, deps: RestDeps): Promise<Response> {
  const allowed = deps.corsOrigins ?? (configuredOrigins ??= readRestEnv().API_CORS_ORIGINS);
  const origin = req.headers.get("origin");
  const cors = corsHeaders(origin, allowed);

  if (req.method === "OPTIONS") {
    // A preflight: allowed origins hear what they may send; others get no grant, so the browser stops.
    if (!cors["access-control-allow-origin"]) return new Response(null, { status: 204, headers: cors });
    return new Response(null, {
      status: 204,
      headers: {
        ...cors,
        "access-control-allow-methods": "GET, POST",
        "access-control-allow-headers": "Authorization, Content-Type, X-Request-Id",
        "access-control-max-age": "600",
      },
    });
  }

  // HEAD is GET without the body (the adapter would answer 204 for any path, key or not).
  if (req.method === "HEAD") {
    const answer = await handleRestRequest(
      new Request(req.url, { method: "GET", headers: req.headers }),
      deps,
    );
    return new Response(null, { status: answer.status, headers: answer.headers });
  }

  // One id for the whole request, also when it fails before a procedure runs.
  const requestId = requestIdOf(req.headers);
  const headers = { ...cors, "x-request-id": requestId };

  const refusal = oversizedBody(req);
  if (refusal) {
    const { status, code, message, fieldErrors } = refusal;
    return errorResponse(status, { code, message, fieldErrors, stockConflicts: null, requestId }, headers);
  }
  // trpc-to-openapi gathers the query into a plain object and fails with a 500 on a parameter
  // named like one of Object.prototype's members (`__proto__`, `constructor`, `toString`...).
  const reserved = [...new URL(req.url).searchParams.keys()].find((name) => name in Object.prototype);
  if (reserved !== undefined) {
    const fieldErrors = { query: [`has a parameter named ${reserved}, which is not allowed`] };
    return errorResponse(
      400,
      { code: "BAD_REQUEST", message: "Invalid input.", fieldErrors, stockConflicts: null, requestId },
      headers,
    );
  }

  const contextHeaders = new Headers(req.headers);
  contextHeaders.set("x-request-id", requestId);
  const response = await createOpenApiFetchHandler({
    endpoint: REST_V1_BASE_PATH,
    router: restV1Router,
    req,
    createContext: () =>
      createContext({
        db: deps.db,
        headers: contextHeaders,
        credentials: "api-key",
        rateLimiter: deps.rateLimiter,
        paymentProvider: deps.paymentProvider,
      }),
    // Headers must be a plain object here: the adapter copies them with Object.entries.
    responseMeta: ({ paths, errors }) => ({
      status:
        errors.length === 0 && paths?.length === 1 && CREATED_OPERATIONS.has(paths[0] ?? "")
          ? 201
          : undefined,
      headers: { ...headers, ...retryAfterHeader(errors) },
    }),
  });
  if (response.ok) return response;
  const body = (await response.json().catch(() => null)) as AdapterErrorBody | null;
  const kept: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== "content-length" && name !== "content-type") kept[name] = value;
  });
  return errorResponse(response.status, envelope(body, requestId), { ...kept, ...headers });
}
