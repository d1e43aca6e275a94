"use server";

import { redirect } from "next/navigation";

import { formError, field, optionalField, type FormState } from "~/server/form-state";
import { actionCaller, clearSessionCookie } from "~/server/session";

/** Delete the account (typed address, and the password if it has one); then it is signed out. */
export async function deleteAccount(_previous: FormState, form: FormData): Promise<FormState> {
  const confirmEmail = field(form, "confirmEmail");
  try {
    await (
      await actionCaller()
    ).account.deleteAccount({
      confirmEmail,
      password: optionalField(form, "password"),
    });
  } catch (error) {
    return formError(error, { confirmEmail });
  }
  await clearSessionCookie();
  redirect("/sign-in?deleted=1");
}
