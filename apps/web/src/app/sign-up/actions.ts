"use server";

import { formError, field, optionalField, type FormState } from "~/server/form-state";
import { actionCaller } from "~/server/session";

/** Always "check your mail": whether the address already had an account is told only by mail. */
export async function signUp(_previous: FormState, form: FormData): Promise<FormState> {
  const values = { name: field(form, "name"), email: field(form, "email") };
  try {
    await (
      await actionCaller()
    ).account.signUp({
      email: values.email,
      password: field(form, "password"),
      name: optionalField(form, "name"),
    });
  } catch (error) {
    return formError(error, values);
  }
  return { ok: true, values: { ...values, email: values.email.trim().toLowerCase() } };
}
