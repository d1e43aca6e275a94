"use server";

import { formError, field, type FormState } from "~/server/form-state";
import { actionCaller } from "~/server/session";

/** Mail a reset link; the same answer for any address, so nobody learns who has an account. */
export async function requestPasswordReset(_previous: FormState, form: FormData): Promise<FormState> {
  const email = field(form, "email");
  try {
    await (await actionCaller()).account.requestPasswordReset({ email });
  } catch (error) {
    return formError(error, { email });
  }
  return { ok: true, values: { email: email.trim().toLowerCase() } };
}
