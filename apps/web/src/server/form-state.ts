import "server-only";
import { fieldErrorsOf } from "@bazaar/api";
import { TRPCError } from "@trpc/server";

/** What a form's server action returns: field errors beside the fields, or one message on top. */
export interface FormState {
  /** The action did what was asked; `message` (if any) says so. */
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** The submitted values to put back in the form (never passwords). */
  values?: Record<string, string>;
}

/**
 * Turn a procedure's refusal into form state; anything unexpected is rethrown (the error page).
 * Errors about `hiddenFields` (a mailed link's token, say) have no field to stand beside, so they
 * become the form's message.
 */
export function formError(
  error: unknown,
  values: Record<string, string> = {},
  options: { hiddenFields?: readonly string[] } = {},
): FormState {
  if (!(error instanceof TRPCError) || error.code === "INTERNAL_SERVER_ERROR") throw error;
  const fieldErrors = fieldErrorsOf(error);
  if (!fieldErrors) return { message: error.message, values };
  const hidden = options.hiddenFields ?? [];
  const visible = Object.fromEntries(Object.entries(fieldErrors).filter(([name]) => !hidden.includes(name)));
  const lifted = hidden.flatMap((name) => fieldErrors[name] ?? []);
  if (lifted.length === 0) return { fieldErrors: visible, values };
  // Schema fragments ("is required") mean a mangled link; the service's own sentences say more.
  const sentence = lifted.find((message) => !/^[a-z]/.test(message));
  return {
    message: sentence ?? "This link is incomplete. Open it again from the mail, or ask for a new one.",
    ...(Object.keys(visible).length > 0 ? { fieldErrors: visible } : {}),
    values,
  };
}

/** A text field from a submitted form ("" when missing), so schemas see strings, not nulls. */
export function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** An optional text field: a blank one is left out rather than sent as "". */
export function optionalField(form: FormData, name: string): string | undefined {
  const value = field(form, name);
  return value.trim() === "" ? undefined : value;
}
