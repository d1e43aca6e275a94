// Where next-auth sends the browser after an OAuth sign-in the phone app started (decision 0025;
// /api/app-auth/start). The app's request, from its signed cookie, is answered at its redirect
// URI: `?code=<one-time code>&state=<state>` when this browser signed in, else
// `?error=access_denied&state=<state>`.
import { issueAppSignInCode, resolveSession, sessionCookie, type AuthEnv } from "@bazaar/auth";
import { cookies } from "next/headers";
import type { NextRequest } from "next/server";

import { forgetAppSignIn, pendingAppSignIn } from "~/server/app-sign-in";
import { authEnv } from "~/server/auth";
import { getDb } from "~/server/db";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store", "referrer-policy": "no-referrer" };

/** A small page of its own: with no request waiting there is nowhere safe to send the browser. */
function nothingWaiting(): Response {
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
    "<title>Sign-in link expired</title></head><body><main><h1>This sign-in has expired</h1>" +
    "<p>No app sign-in is waiting in this browser, or it took longer than 10 minutes. Close this page, go back to " +
    "the Bazaar app and sign in again.</p></main></body></html>";
  return new Response(html, {
    status: 400,
    headers: { ...NO_STORE, "content-type": "text/html; charset=utf-8" },
  });
}

function backToApp(redirectUri: string, params: Record<string, string>): Response {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return new Response(null, { status: 302, headers: { ...NO_STORE, location: url.href } });
}

/** The user of this browser's Bazaar session (the one next-auth has just set), if any. */
async function browserUserId(env: AuthEnv): Promise<string | null> {
  const token = (await cookies()).get(sessionCookie(env).name)?.value;
  const session = token ? await resolveSession(getDb(), env, token) : null;
  return session?.kind === "COOKIE" ? session.user.id : null;
}

export async function GET(request: NextRequest): Promise<Response> {
  const env = authEnv();
  const pending = await pendingAppSignIn(env);
  // The redirect URI was checked at start; it must still be allowed now.
  if (!pending || !env.APP_REDIRECT_URIS.includes(pending.redirectUri)) return nothingWaiting();
  // One answer per request: a second visit finds nothing waiting.
  await forgetAppSignIn(env);

  // `?error`: next-auth refused the sign-in (the sign-in page sends such browsers here). Otherwise
  // the user next-auth signed in (recorded by its sign-in event) must be this browser's session.
  const refused = request.nextUrl.searchParams.has("error");
  const userId = refused || !pending.userId ? null : await browserUserId(env);
  if (!userId || userId !== pending.userId) {
    return backToApp(pending.redirectUri, { error: "access_denied", state: pending.state });
  }
  const code = await issueAppSignInCode(getDb(), {
    userId,
    provider: pending.provider,
    codeChallenge: pending.codeChallenge,
    redirectUri: pending.redirectUri,
  });
  return backToApp(pending.redirectUri, { code, state: pending.state });
}
