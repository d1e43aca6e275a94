import { describeClientError } from "@bazaar/client";
import type { StockConflict } from "@bazaar/validators";
import { fieldErrorsByPath } from "@bazaar/validators";
import type { z } from "zod";

/** Messages by field path (`address.postalCode`), as the API reports them too. */
export type FieldErrors = Record<string, string[] | undefined>;

/**
 * Check a form with the same Zod schema the API applies, before sending: the shopper sees the
 * same message for the same mistake, without a round trip.
 */
export function checkForm<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; data: z.output<S> } | { ok: false; fieldErrors: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, fieldErrors: fieldErrorsByPath(result.error) };
}

/**
 * A failed request's message for the top of a form, its per-field messages, and the items that
 * sold out or ran short (the screen then offers the way back to the cart).
 */
export function serverErrors(error: unknown): {
  message: string | null;
  fieldErrors: FieldErrors;
  stockConflicts: StockConflict[];
} {
  if (!error) return { message: null, fieldErrors: {}, stockConflicts: [] };
  const { message, fieldErrors, stockConflicts } = describeClientError(error);
  return { message, fieldErrors, stockConflicts };
}

export const firstError = (errors: FieldErrors, path: string): string | undefined => errors[path]?.[0];
