// next-auth, for OAuth / OpenID Connect sign-in only (see packages/auth/src/next-auth). Its
// session is a Bazaar session in Bazaar's cookie, so the rest of the app sees no difference.
import "server-only";
import { createContext, joinGuestCart, logger } from "@bazaar/api";
import { cartCookie, nextAuthConfig, readAuthEnv, requestMeta, type AuthEnv } from "@bazaar/auth";
import NextAuth from "next-auth";
import { cookies, headers } from "next/headers";
import type { NextRequest } from "next/server";

import { completeAppSignIn } from "./app-sign-in";
import { getDb } from "./db";

let settings: AuthEnv | undefined;
const authLog = logger.child({ component: "next-auth" });

/** The auth settings, read once (lazily: `next build` imports this module without them). */
export function authEnv(): AuthEnv {
  settings ??= readAuthEnv();
  return settings;
}

// Built per request (next-auth's lazy initialisation) so that the session the adapter creates
// records this request's address and user agent. `request` is undefined where next-auth runs
// outside a route handler (the sign-in server action), which never creates a session.
export const { handlers, signIn, signOut } = NextAuth((request) => {
  const env = authEnv();
  return nextAuthConfig({
    db: getDb(),
    env,
    request: request ? requestMeta(request.headers, env) : null,
    log: authLog,
    afterSignIn: async (userId) => {
      await joinCartAfterOAuth(userId);
      // When the phone app started this sign-in (/api/app-auth/start), /api/app-auth/finish
      // hands it a code for this user.
      await completeAppSignIn(env, userId);
    },
  });
});

/** As with a password or a magic link: the guest's cart joins the account's, and its cookie goes. */
async function joinCartAfterOAuth(userId: string): Promise<void> {
  const context = await createContext({ db: getDb(), headers: await headers() });
  if (await joinGuestCart(context, userId)) {
    const cart = cartCookie(authEnv());
    (await cookies()).set(cart.name, "", { ...cart.options, maxAge: 0 });
  }
}

/**
 * The request as next-auth should see it: at APP_URL's origin, whatever Host header it came with.
 * next-auth builds its callback URLs (the redirect_uri it sends to the provider's token endpoint)
 * and its redirects from the request URL, so this makes APP_URL the only origin it knows.
 *
 * It is a plain Request on purpose. Next's NextRequest rewrites a loopback address in its URL to
 * "localhost" (next/dist/server/web/next-url.js), and next-auth's own AUTH_URL override hands
 * next-auth a new NextRequest (next-auth lib/env.js reqWithEnvURL); with APP_URL
 * http://127.0.0.1:3100 (the e2e runs) the token exchange then used a redirect_uri the provider
 * had never seen. Leave AUTH_URL / NEXTAUTH_URL unset: APP_URL is the setting.
 */
export function atAppOrigin(request: NextRequest): NextRequest {
  const { pathname, search } = request.nextUrl;
  const url = new URL(`${pathname}${search}`, authEnv().APP_URL);
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  const canonical = new Request(url, {
    method: request.method,
    headers: request.headers,
    body: hasBody ? request.body : null,
    signal: request.signal,
    // Node's fetch needs this to pass a request body through as a stream.
    ...(hasBody ? { duplex: "half" } : {}),
  });
  // next-auth reads `nextUrl` only when AUTH_URL is set; give it one that agrees, just in case.
  return Object.assign(canonical, { nextUrl: url }) as unknown as NextRequest;
}
