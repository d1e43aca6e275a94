import { TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { fieldErrorsByPath } from "@bazaar/validators";
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

/** 429 with the wait in seconds; the HTTP layer sends it as `Retry-After`. */
export class TooManyRequestsError extends TRPCError {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super({ code: "TOO_MANY_REQUESTS", message });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The `Retry-After` header for a response that failed with these errors, if any asks for one. */
export function retryAfterHeader(errors: readonly unknown[]): Record<string, string> {
  const waits = errors.flatMap((e) => (e instanceof TooManyRequestsError ? [e.retryAfterSeconds] : []));
  return waits.length > 0 ? { "retry-after": String(Math.max(...waits)) } : {};
}

/** The per-field messages an error carries (a FieldError, or a failed input schema), or null. */
export function fieldErrorsOf(error: TRPCError): Record<string, string[]> | null {
  if (error instanceof FieldError) return error.fieldErrors;
  if (error.cause instanceof ZodError) return fieldErrorsByPath(error.cause);
  return null;
}
