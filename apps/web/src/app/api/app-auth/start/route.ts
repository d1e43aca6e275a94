// The phone app's OAuth sign-in starts here, in the system browser (decision 0025):
//   GET /api/app-auth/start?provider=<id>&redirect_uri=<uri>&code_challenge=<S256>
//       &code_challenge_method=S256&state=<opaque>
// The request is checked, kept in a signed cookie, and next-auth takes the browser to the
// provider; /api/app-auth/finish sends it back to the app with a one-time code.
import { configuredProviders } from "@bazaar/auth";
import { appSignInStartInput } from "@bazaar/validators";
import type { NextRequest } from "next/server";

import { APP_SIGN_IN_FINISH_PATH, rememberAppSignIn } from "~/server/app-sign-in";
import { authEnv, signIn } from "~/server/auth";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store", "referrer-policy": "no-referrer" };

/** Each parameter once; one given twice is passed on as a list, which the schema refuses. */
function queryOf(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    query[key] = values.length === 1 ? (values[0] ?? "") : values;
  }
  return query;
}

/**
 * The origin next-auth will build its URLs from in `signIn` (it reads the Host headers, as
 * @auth/core's createActionURL does), which must be APP_URL's: the provider's callback and
 * /api/app-auth/finish are reached there, and this cookie must be on that host.
 */
function originSeen(headers: Headers): string | null {
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  const proto = headers.get("x-forwarded-proto") ?? "https";
  try {
    return new URL(`${proto.replace(/:$/, "")}://${host}`).origin;
  } catch {
    return null;
  }
}

export async function GET(request: NextRequest): Promise<Response> {
  const env = authEnv();
  const parsed = appSignInStartInput({
    providers: configuredProviders(env).map((provider) => provider.id),
    redirectUris: env.APP_REDIRECT_URIS,
  }).safeParse(queryOf(request.nextUrl.searchParams));
  if (!parsed.success) {
    // Never a redirect: the redirect URI may be the very thing that is wrong.
    const issue = parsed.error.issues[0];
    const field = typeof issue?.path[0] === "string" ? issue.path[0] : "input";
    return Response.json(
      { error: { field, message: issue?.message ?? "is invalid" } },
      { status: 400, headers: NO_STORE },
    );
  }

  // Reached at another name for this server (localhost for 127.0.0.1, say): start again at
  // APP_URL, so that the cookie and next-auth's callback are on the host the flow ends at.
  const appOrigin = new URL(env.APP_URL).origin;
  if (originSeen(request.headers) !== appOrigin) {
    const { pathname, search } = request.nextUrl;
    return new Response(null, {
      status: 302,
      headers: { ...NO_STORE, location: `${appOrigin}${pathname}${search}` },
    });
  }

  const { provider, redirect_uri, code_challenge, state } = parsed.data;
  await rememberAppSignIn(env, { provider, codeChallenge: code_challenge, redirectUri: redirect_uri, state });
  // next-auth sets its own cookies (state, PKCE, callback URL) through next/headers, and Next adds
  // them, and ours, to this response. Its answer is the provider's authorization URL (or, if it
  // cannot start, its error page, which sends the browser back to the app as a refusal).
  const location: unknown = await signIn(provider, { redirectTo: APP_SIGN_IN_FINISH_PATH, redirect: false });
  if (typeof location !== "string") throw new Error("next-auth's signIn returned no URL");
  return new Response(null, { status: 302, headers: { ...NO_STORE, location } });
}
