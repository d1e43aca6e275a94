// next-auth's configuration for Bazaar. next-auth handles only OAuth / OpenID Connect sign-in;
// everything else (passwords, links, sessions, sign-out) is Bazaar's own, and both end in the
// same session cookie.
import { createHash } from "node:crypto";
import type { Db } from "@bazaar/db";
import type { NextAuthConfig } from "next-auth";

import { recordAuthEvent, type RequestMeta } from "../audit.ts";
import { clientIp, sessionCookie } from "../cookie.ts";
import type { AuthEnv } from "../env.ts";
import { generateToken } from "../tokens.ts";
import { bazaarAdapter, normaliseEmail } from "./adapter.ts";
import { nextAuthLogger, type AuthLog } from "./logger.ts";
import { oauthProviders } from "./providers.ts";

export interface NextAuthOptions {
  db: Db;
  env: AuthEnv;
  /** The request being handled; null when next-auth runs outside one (a server action's signIn). */
  request: RequestMeta | null;
  /** Tests move the clock. */
  now?: () => Date;
  /** After a successful OAuth sign-in (the app joins the guest's cart to the account here). */
  afterSignIn?: (userId: string) => Promise<void>;
  /** The app's structured logger, for next-auth's warnings and errors. */
  log: AuthLog;
}

/** Where next-auth's routes live (the web app's app/api/auth/[...nextauth]). */
export const NEXT_AUTH_BASE_PATH = "/api/auth";

/** Error codes of ours that the sign-in page explains, besides next-auth's own. */
export const SIGN_IN_ERROR_NO_EMAIL = "EmailRequired";

/**
 * next-auth encrypts its short-lived cookies (OAuth state, PKCE verifier, CSRF token) with this.
 * readAuthEnv refuses to start production without AUTH_SECRET; in development a fixed secret lets
 * `pnpm dev` run with nothing set. It protects nothing there but a sign-in in progress.
 */
export function nextAuthSecret(env: Pick<AuthEnv, "AUTH_SECRET" | "NODE_ENV">): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.NODE_ENV === "production") throw new Error("AUTH_SECRET is required in production");
  return createHash("sha256").update("bazaar development-only auth secret").digest("hex");
}

/** The client's address and user agent, read as the tRPC context reads them. */
export function requestMeta(
  headers: Headers | null | undefined,
  env: Pick<AuthEnv, "TRUSTED_PROXY_HOPS">,
): RequestMeta {
  if (!headers) return { ip: null, userAgent: null };
  return {
    ip: clientIp(headers.get("x-forwarded-for"), env.TRUSTED_PROXY_HOPS),
    userAgent: headers.get("user-agent")?.slice(0, 512) ?? null,
  };
}

/**
 * The configuration for one request: the adapter records this request's ip and user agent on the
 * session it creates, so the web app builds it per request (`NextAuth(async (req) => ...)`).
 *
 * The caller must give next-auth requests at APP_URL's origin (the web app's route handler rewrites
 * them): next-auth builds its redirect_uri and redirects from the request URL.
 */
export function nextAuthConfig({ db, env, request, now, afterSignIn, log }: NextAuthOptions): NextAuthConfig {
  const meta = request ?? { ip: null, userAgent: null };
  const cookie = sessionCookie(env);
  // Set when the sign-in linked a provider to an account that was already signed in.
  let linkedToExistingUser = false;

  return {
    adapter: bazaarAdapter(db, { policy: env, request: meta, now }),
    providers: oauthProviders(env),
    secret: nextAuthSecret(env),
    basePath: NEXT_AUTH_BASE_PATH,
    // Auth.js answers every request with UntrustedHost unless this is set
    // (@auth/core lib/utils/assert.js). The Host header is not what decides URLs here: the web
    // app's route handler hands next-auth each request rewritten to APP_URL's origin, so the
    // callback URLs and redirects next-auth derives from it are APP_URL's.
    trustHost: true,
    // The same rule as the session cookie: Secure (and __Secure-/__Host- names) over https.
    useSecureCookies: env.APP_URL.startsWith("https://"),
    session: {
      strategy: "database",
      // Used by next-auth only for the expiry it proposes (the adapter applies the role's own
      // lifetime instead) and when it refreshes the cookie: never longer than any role's maximum.
      maxAge: Math.max(env.SESSION_MAX_MINUTES, env.STAFF_SESSION_MAX_MINUTES) * 60,
      generateSessionToken: generateToken,
    },
    cookies: { sessionToken: { name: cookie.name, options: cookie.options } },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    logger: nextAuthLogger(log),
    callbacks: {
      async signIn({ user, account }) {
        if (account?.type !== "oauth" && account?.type !== "oidc") return false;
        // A deleted account never signs in again, through any provider linked to it.
        const linked = await db.account.findUnique({
          where: {
            provider_providerAccountId: {
              provider: account.provider,
              providerAccountId: account.providerAccountId,
            },
          },
          select: { user: { select: { deletedAt: true } } },
        });
        if (linked?.user.deletedAt) return false;
        // Every Bazaar account has an address (receipts, resets): a profile without one cannot
        // become an account.
        if (!linked && !normaliseEmail(user.email)) return `/sign-in?error=${SIGN_IN_ERROR_NO_EMAIL}`;
        return true;
      },
    },
    events: {
      linkAccount() {
        linkedToExistingUser = true;
      },
      async signIn({ user, account, isNewUser }) {
        if (!user.id || !account) return;
        const details = { method: "oauth", provider: account.provider };
        if (isNewUser) {
          await recordAuthEvent(
            db,
            { action: "sign_up", actorId: user.id, targetId: user.id, details },
            meta,
          );
        }
        await recordAuthEvent(
          db,
          {
            action: "sign_in",
            actorId: user.id,
            targetId: user.id,
            details: linkedToExistingUser && !isNewUser ? { ...details, linkedAccount: true } : details,
          },
          meta,
        );
        await afterSignIn?.(user.id);
      },
    },
  };
}
