import type { ApiKeyScope } from "@bazaar/validators";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import type { OpenApiMeta } from "trpc-to-openapi";
import { z, ZodError } from "zod";

import type { Context } from "./context.ts";
import { asRefusal, asUnavailable, fieldErrorsOf, RetryLaterError, StockConflictError } from "./errors.ts";
import { unsafeInputRefusal } from "./input-guard.ts";
import { limitRequest } from "./rate-limit.ts";

/**
 * `openapi` puts a procedure on the REST API (rest/v1); procedures without it stay tRPC-only.
 * `multipart` lets it take multipart form data (a file upload); no other procedure accepts it.
 */
export type ProcedureMeta = OpenApiMeta & { multipart?: boolean };

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    // Subscriptions (the live order page) are server-sent events. A comment every 10 s keeps proxies
    // from closing a quiet stream; a client that hears nothing for 25 s reconnects and re-reads.
    sse: {
      ping: { enabled: true, intervalMs: 10_000 },
      client: { reconnectAfterInactivityMs: 25_000 },
      // Streams end after an hour, so long-open tabs do not hold connections forever; clients reconnect.
      maxDurationMs: 60 * 60_000,
    },
    errorFormatter({ shape, error, ctx }) {
      const fieldErrors = fieldErrorsOf(error);
      // Details of unexpected failures stay in the logs; the client gets a generic message and the
      // request id to quote.
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      return {
        ...shape,
        message: internal
          ? "Something went wrong on our side."
          : fieldErrors
            ? "Invalid input."
            : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          requestId: ctx?.requestId ?? null,
          fieldErrors,
          retryAfterSeconds: error instanceof RetryLaterError ? error.retryAfterSeconds : null,
          stockConflicts: error instanceof StockConflictError ? error.stockConflicts : null,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Log every failure once with its request id; unexpected ones with their stack. */
const logged = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  if (!result.ok) {
    const { error } = result;
    const fields = { path, type, code: error.code, ms: Math.round(performance.now() - started) };
    if (error.code === "INTERNAL_SERVER_ERROR")
      ctx.log.error({ ...fields, err: error.cause ?? error }, "procedure failed");
    else if (error.code === "SERVICE_UNAVAILABLE") ctx.log.warn(fields, "database unavailable");
    else if (error.cause instanceof ZodError) {
      ctx.log.info(
        { ...fields, fieldErrors: z.flattenError(error.cause).fieldErrors },
        "procedure refused input",
      );
    } else ctx.log.info({ ...fields, message: error.message }, "procedure refused");
  }
  return result;
});

/**
 * A database outage, wherever it surfaced in the procedure, is a 503 with Retry-After; a refusal
 * by the database that the procedure did not expect (errors.ts `asRefusal`) is the 4xx it is,
 * logged with its stack so that the path can be given an answer of its own.
 */
const databaseErrorsAnswered = t.middleware(async ({ ctx, path, next }) => {
  const result = await next();
  if (result.ok) return result;
  const unavailable = asUnavailable(ctx.db, result.error);
  if (unavailable) throw unavailable;
  const refusal = result.error.code === "INTERNAL_SERVER_ERROR" ? asRefusal(result.error) : null;
  if (!refusal) return result;
  ctx.log.warn(
    { path, code: refusal.code, err: result.error.cause ?? result.error },
    "database refused a write",
  );
  throw refusal;
});

/** Input no schema should see: unstorable text, prototype keys, absurd nesting (input-guard.ts). */
const safeInput = t.middleware(async ({ getRawInput, next }) => {
  const refusal = unsafeInputRefusal(await getRawInput());
  if (refusal) throw refusal;
  return next();
});

/** Anyone may call it. */
export const publicProcedure = t.procedure.use(logged).use(databaseErrorsAnswered).use(safeInput);

// Each base procedure below is the one before plus one access rule: handlers never check roles.

/** A signed-in caller; `ctx.session` is non-null inside. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to do that." });
  return next({ ctx: { ...ctx, session: ctx.session } });
});

/** Staff or admin. */
export const staffProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.session.user.role === "CUSTOMER")
    throw new TRPCError({ code: "FORBIDDEN", message: "Staff only." });
  return next();
});

/** Admin only. */
export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.session.user.role !== "ADMIN") throw new TRPCError({ code: "FORBIDDEN", message: "Admins only." });
  return next();
});

/**
 * A REST call with an API key that holds `scope` (rest/v1). The key was checked when the context
 * was built; here it must exist, allow this, and be within its rate limit.
 */
export const apiKeyProcedure = (scope: ApiKeyScope) =>
  publicProcedure.use(async ({ ctx, next }) => {
    const { apiKey } = ctx;
    if (!apiKey) {
      throw new TRPCError({
        code: "UNAUTHORIZED",
        message: "Send an API key: `Authorization: Bearer bzk_…`.",
      });
    }
    if (!apiKey.scopes.includes(scope)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `This API key does not allow ${scope}.` });
    }
    // Counted per key (the account slot) and per address, whichever key it presents.
    await limitRequest(ctx, "apiRequest", `key:${apiKey.id}`);
    return next({ ctx: { ...ctx, apiKey } });
  });

export { TRPCError };
