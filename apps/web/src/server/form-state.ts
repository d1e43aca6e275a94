import "server-only";
import { fieldErrorsOf } from "@bazaar/api";
import { TRPCError } from "@trpc/server";

/** What a form's server action returns: field errors beside the fields, or one message on top. */
export interface FormState {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** The submitted values to put back in the form (never passwords). */
  values?: Record<string, string>;
}

/** Turn a procedure's refusal into form state; anything unexpected is rethrown (the error page). */
export function formError(error: unknown, values: Record<string, string> = {}): FormState {
  if (!(error instanceof TRPCError) || error.code === "INTERNAL_SERVER_ERROR") throw error;
  const fieldErrors = fieldErrorsOf(error);
  return fieldErrors ? { fieldErrors, values } : { message: error.message, values };
}

/** A text field from a submitted form ("" when missing), so schemas see strings, not nulls. */
export function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
