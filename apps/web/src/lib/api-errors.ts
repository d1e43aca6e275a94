// Reading a refused procedure call in the browser. The API's error formatter puts per-field
// messages on `data.fieldErrors`, keyed by the field's full path (`address.postalCode`).
import type { AppRouter } from "@bazaar/api";
import { describeStockConflicts, NO_CONNECTION } from "@bazaar/client";
import type { TRPCClientErrorLike } from "@trpc/client";

export type ApiError = TRPCClientErrorLike<AppRouter>;

/** The messages that belong beside fields; empty when the failure is about no field. */
export function fieldErrorsOf(error: ApiError | null): Record<string, string[]> {
  return error?.data?.fieldErrors ?? {};
}

/** A schema fragment ("only 3 left") as a sentence ("Only 3 left."); a sentence stays as it is. */
export function asSentence(message: string): string {
  const capitalised = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/**
 * What to say above a form about a failed call: problems with fields the form does not show
 * (`shown` lists those it does), else the error's own message; null when every problem is
 * already beside its field. No `data` means no answer arrived (offline, a dropped connection).
 * Items that sold out or ran short are named as the phone app names them.
 */
export function formProblem(error: ApiError, shown: readonly string[] = []): string | null {
  if (!error.data) return NO_CONNECTION;
  const { fieldErrors, stockConflicts } = error.data;
  if (stockConflicts) return describeStockConflicts(stockConflicts);
  if (!fieldErrors) return error.message;
  const others = Object.entries(fieldErrors)
    .filter(([field]) => !shown.includes(field))
    .flatMap(([field, messages]) => messages.map((message) => asSentence(`${field} ${message}`)));
  return others.length > 0 ? others.join(" ") : null;
}

/** A refused quantity ("only 3 left, …") as a sentence; any other failure as `formProblem` says it. */
export function quantityProblem(error: ApiError): string | null {
  const refused = fieldErrorsOf(error).quantity;
  return refused ? refused.map(asSentence).join(" ") : formProblem(error);
}
