"use server";

import { redirect } from "next/navigation";

import { formError, field, type FormState } from "~/server/form-state";
import { actionCaller } from "~/server/session";

/** The button on the page the mailed link opens (the link itself changes nothing). */
export async function confirmEmail(_previous: FormState, form: FormData): Promise<FormState> {
  try {
    await (await actionCaller()).account.verifyEmail({ token: field(form, "token") });
  } catch (error) {
    return formError(error, {}, { hiddenFields: ["token"] });
  }
  redirect("/sign-in?verified=1");
}
