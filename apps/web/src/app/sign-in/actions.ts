"use server";

import { redirect } from "next/navigation";

import { formError, field, type FormState } from "~/server/form-state";
import { actionCaller, getSession, setSessionCookie } from "~/server/session";

import { safeNextPath } from "./next-path";

/** Email and password: a cookie session, then on to `next` (a path on this site) or the account. */
export async function signInWithPassword(_previous: FormState, form: FormData): Promise<FormState> {
  const email = field(form, "email");
  const next = safeNextPath(field(form, "next")) ?? "/account";
  const caller = await actionCaller();
  const previous = await getSession();
  let session;
  try {
    session = await caller.account.signIn({ email, password: field(form, "password") });
  } catch (error) {
    return formError(error, { email });
  }
  // Signing in again in the same browser replaces its session rather than leaving the old one alive.
  if (previous) await caller.account.signOut().catch(() => undefined);
  await setSessionCookie(session.token, session.expires);
  redirect(next);
}

/** Mail a sign-in link. The answer is the same whether or not the address has an account. */
export async function requestMagicLink(_previous: FormState, form: FormData): Promise<FormState> {
  const email = field(form, "email");
  try {
    await (await actionCaller()).account.requestMagicLink({ email });
  } catch (error) {
    return formError(error, { email });
  }
  return {
    ok: true,
    message: `Check your mail. If ${email.trim()} has a Bazaar account, we have sent it a sign-in link.`,
    values: { email },
  };
}
