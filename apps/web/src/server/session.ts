import "server-only";
import { createCaller, createContext } from "@bazaar/api";
import { readAuthEnv, resolveSession, sessionCookie } from "@bazaar/auth";
import type { Route } from "next";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";

import { getDb } from "./db";

// The session cookie's name and attributes, from APP_URL (see packages/auth/src/cookie.ts).
const cookie = () => sessionCookie(readAuthEnv());

/** Who is signed in for this request (resolved once per request), or null. */
export const getSession = cache(async () => {
  const token = (await cookies()).get(cookie().name)?.value;
  return token ? resolveSession(getDb(), readAuthEnv(), token) : null;
});

/** For pages under /account: the session, or off to sign in and back here afterwards. */
export async function requireSession(returnTo: string) {
  const session = await getSession();
  if (!session) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}` as Route);
  return session;
}

/**
 * For pages under /admin: staff and admins only. Anyone else gets a 404, so the console's
 * existence and layout are not advertised; signed-out staff are sent to sign in first.
 */
export async function requireStaff(returnTo: string) {
  const session = await requireSession(returnTo);
  if (session.user.role === "CUSTOMER") notFound();
  return session;
}

/**
 * Call procedures from a server action as the current visitor. A sign-in made through it starts
 * a cookie session (the procedure returns the token; `setSessionCookie` stores it).
 */
export async function actionCaller() {
  return createCaller(await createContext({ db: getDb(), headers: await headers(), sessionKind: "COOKIE" }));
}

export async function setSessionCookie(token: string, expires: Date) {
  const { name, options } = cookie();
  (await cookies()).set(name, token, { ...options, expires });
}

export async function clearSessionCookie() {
  const { name, options } = cookie();
  (await cookies()).set(name, "", { ...options, maxAge: 0 });
}
