"use server";

import { TRPCError } from "@trpc/server";
import { refresh } from "next/cache";

import { formError, field, type FormState } from "~/server/form-state";
import { actionCaller } from "~/server/session";

/** A new password; every other session ends (this one stays signed in). */
export async function changePassword(_previous: FormState, form: FormData): Promise<FormState> {
  let ended: number;
  try {
    ({ sessionsEnded: ended } = await (
      await actionCaller()
    ).account.changePassword({
      currentPassword: field(form, "currentPassword"),
      newPassword: field(form, "newPassword"),
    }));
  } catch (error) {
    return formError(error);
  }
  refresh(); // the sessions list below the form has changed
  return {
    ok: true,
    message:
      ended === 0
        ? "Your password was changed. You were not signed in anywhere else."
        : `Your password was changed, and your other sessions were signed out (${ended}).`,
  };
}

/** End one of the caller's other sessions (the form names it by id; the server checks it is theirs). */
export async function revokeSession(form: FormData): Promise<void> {
  try {
    await (await actionCaller()).account.revokeSession({ sessionId: field(form, "sessionId") });
  } catch (error) {
    // Already gone (signed out there, or expired): the list is refreshed either way.
    if (!(error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")))
      throw error;
  }
  refresh();
}

export async function revokeOtherSessions(_previous: FormState): Promise<FormState> {
  let ended: number;
  try {
    ({ ended } = await (await actionCaller()).account.revokeAllSessions({ keepCurrent: true }));
  } catch (error) {
    return formError(error);
  }
  refresh();
  return {
    ok: true,
    message:
      ended === 0
        ? "You were not signed in anywhere else."
        : `Signed out everywhere else (${ended} ${ended === 1 ? "session" : "sessions"}).`,
  };
}
