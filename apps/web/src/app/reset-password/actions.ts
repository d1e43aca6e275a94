"use server";

import { redirect } from "next/navigation";

import { formError, field, type FormState } from "~/server/form-state";
import { actionCaller } from "~/server/session";

/** A new password from a reset link. Every session ends; the owner signs in again with it. */
export async function resetPassword(_previous: FormState, form: FormData): Promise<FormState> {
  try {
    await (
      await actionCaller()
    ).account.resetPassword({
      token: field(form, "token"),
      newPassword: field(form, "newPassword"),
    });
  } catch (error) {
    return formError(error, {}, { hiddenFields: ["token"] });
  }
  redirect("/sign-in?reset=1");
}
