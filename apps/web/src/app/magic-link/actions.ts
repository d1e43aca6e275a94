"use server";

import { redirect } from "next/navigation";

import { formError, field, type FormState } from "~/server/form-state";
import { actionCaller, setSessionCookie } from "~/server/session";

/** The "Sign in" button on the page a mailed sign-in link opens. */
export async function signInWithLink(_previous: FormState, form: FormData): Promise<FormState> {
  let session;
  try {
    session = await (await actionCaller()).account.signInWithMagicLink({ token: field(form, "token") });
  } catch (error) {
    return formError(error, {}, { hiddenFields: ["token"] });
  }
  await setSessionCookie(session.token, session.expires);
  redirect("/account");
}
