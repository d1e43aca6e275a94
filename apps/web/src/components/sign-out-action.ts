"use server";

import { redirect } from "next/navigation";

import { actionCaller, clearSessionCookie } from "~/server/session";

/** The header's "Sign out": the session ends on the server, the cookie goes, and home. */
export async function signOut(): Promise<void> {
  // Already ended (signed out elsewhere, expired): the cookie is cleared all the same.
  await (await actionCaller()).account.signOut().catch(() => undefined);
  await clearSessionCookie();
  redirect("/");
}
