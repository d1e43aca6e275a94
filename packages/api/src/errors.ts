import {
  databaseHealth,
  DATABASE_RETRY_AFTER_SECONDS,
  isDatabaseUnavailable,
  Prisma,
  type Db,
} from "@bazaar/db";
import { TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { MediaUnavailableError } from "@bazaar/media";
import { fieldErrorsByPath, SHOP_BUSY, type StockConflict } from "@bazaar/validators";
import { ZodError } from "zod";

/** A 404 for something the caller named that does not exist. */
export function notFound(what: string): TRPCError {
  return new TRPCError({ code: "NOT_FOUND", message: `${what} was not found.` });
}

/**
 * A refusal about one field that only the server can judge (an address already taken, a wrong
 * current password); the error formatter reports it like a validation failure, so forms show it
 * beside the field.
 */
export class FieldError extends TRPCError {
  readonly fieldErrors: Record<string, string[]>;

  constructor(code: TRPC_ERROR_CODE_KEY, field: string, message: string) {
    super({ code, message });
    this.fieldErrors = { [field]: [message] };
  }
}

export const fieldError = (code: TRPC_ERROR_CODE_KEY, field: string, message: string) =>
  new FieldError(code, field, message);

/** A refusal that says when to come back; the HTTP layer sends the wait as `Retry-After`. */
export class RetryLaterError extends TRPCError {
  readonly retryAfterSeconds: number;

  constructor(code: "TOO_MANY_REQUESTS" | "SERVICE_UNAVAILABLE", message: string, retryAfterSeconds: number) {
    super({ code, message });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** 429: over a rate limit. */
export class TooManyRequestsError extends RetryLaterError {
  constructor(message: string, retryAfterSeconds: number) {
    super("TOO_MANY_REQUESTS", message, retryAfterSeconds);
  }
}

/** 503: the database cannot be reached; nothing was changed, and the same request may be sent again. */
export class DatabaseUnavailableError extends RetryLaterError {
  constructor() {
    super("SERVICE_UNAVAILABLE", SHOP_BUSY, DATABASE_RETRY_AFTER_SECONDS);
  }
}

/** 503: the picture storage (a bucket) did not answer; nothing was changed. */
export class StorageUnavailableError extends RetryLaterError {
  constructor() {
    super("SERVICE_UNAVAILABLE", "Pictures cannot be stored right now. Please try again in a moment.", 5);
  }
}

/** An error and what it wraps, a few links deep (tRPC wraps a thrown error as its cause). */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && chain.length < 8;) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

/**
 * A database outage, however deep it is wrapped, as a 503 (and the pool's monitor hears of it, so
 * pages are held back too); null for any other error.
 */
export function asUnavailable(db: Db, error: unknown): RetryLaterError | null {
  if (error instanceof DatabaseUnavailableError) return error;
  if (causes(error).some((cause) => cause instanceof MediaUnavailableError))
    return new StorageUnavailableError();
  if (!isDatabaseUnavailable(error)) return null;
  databaseHealth(db)?.reportFailure(error);
  return new DatabaseUnavailableError();
}

interface DatabaseErrorLike {
  code?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown } } };
}

/** Prisma's code and the driver's own kind (and SQLSTATE) of an error from the database, if it is one. */
function databaseErrorOf(
  error: unknown,
): { code: string | null; kind: string | null; sqlState: string | null } | null {
  let current: unknown = error;
  // A TRPCError wraps what the procedure threw.
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if (current instanceof Prisma.PrismaClientKnownRequestError) {
      const cause = (current as DatabaseErrorLike).meta?.driverAdapterError?.cause;
      return {
        code: current.code,
        kind: typeof cause?.kind === "string" ? cause.kind : null,
        sqlState: typeof cause?.code === "string" ? cause.code : null,
      };
    }
    current = current.cause;
  }
  return null;
}

/**
 * A database refusal that escaped a procedure, as the 4xx it really is rather than a 500. Each
 * such path should handle its own case (a race on "create on first use" answers as one request
 * would); this is the net under all of them, and the log still names the procedure.
 * - a unique key taken by a concurrent request: 409;
 * - a row that vanished under a concurrent delete: 404;
 * - a write conflict or deadlock between transactions: 409, to be tried again;
 * - a value PostgreSQL cannot hold (out of range, malformed): 400 on `input`.
 */
export function asRefusal(error: unknown): TRPCError | null {
  const found = databaseErrorOf(error);
  if (!found) return null;
  const { code, kind, sqlState } = found;
  if (kind === "UniqueConstraintViolation" || code === "P2002")
    return new TRPCError({
      code: "CONFLICT",
      message: "That was just changed by another request. Please try again.",
    });
  if (code === "P2025" || code === "P2018")
    return new TRPCError({
      code: "NOT_FOUND",
      message: "That was not found (it may just have been removed).",
    });
  if (kind === "TransactionWriteConflict" || code === "P2034" || sqlState === "40001" || sqlState === "40P01")
    return new TRPCError({
      code: "CONFLICT",
      message: "Someone else changed this at the same moment. Please try again.",
    });
  if (
    kind === "ValueOutOfRange" ||
    kind === "InvalidInputValue" ||
    code === "P2020" ||
    sqlState?.startsWith("22")
  )
    return new FieldError("BAD_REQUEST", "input", "holds a value the shop cannot store");
  return null;
}

/** The `Retry-After` header for a response that failed with these errors, if any asks for one. */
export function retryAfterHeader(errors: readonly unknown[]): Record<string, string> {
  const waits = errors.flatMap((e) => (e instanceof RetryLaterError ? [e.retryAfterSeconds] : []));
  return waits.length > 0 ? { "retry-after": String(Math.max(...waits)) } : {};
}

/** The per-field messages an error carries (a FieldError, or a failed input schema), or null. */
export function fieldErrorsOf(error: TRPCError): Record<string, string[]> | null {
  if (error instanceof FieldError) return error.fieldErrors;
  if (error.cause instanceof ZodError) return fieldErrorsByPath(error.cause);
  return null;
}

/**
 * 409: items sold out or ran short since the shopper looked. The error formatter hands
 * `stockConflicts` to clients, so they can name each item and how many are left.
 */
export class StockConflictError extends TRPCError {
  readonly stockConflicts: StockConflict[];

  constructor(message: string, stockConflicts: StockConflict[]) {
    super({ code: "CONFLICT", message });
    this.stockConflicts = stockConflicts;
  }
}
