import type { AuthEnv } from "./env.ts";

/**
 * The session cookie. Over https it is `__Host-` prefixed and Secure: the browser then refuses it
 * from plain http and from any subdomain, so nobody can plant a session for the shop. Plain http
 * (development, local production runs) uses an unprefixed name, which a browser would not keep
 * under the prefix.
 */
export function sessionCookie(env: Pick<AuthEnv, "APP_URL">) {
  const secure = env.APP_URL.startsWith("https://");
  return {
    name: secure ? "__Host-bazaar.session" : "bazaar.session",
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}

/** A guest's cart: the same protections as the session cookie, kept for 30 days. */
export function cartCookie(env: Pick<AuthEnv, "APP_URL">) {
  const session = sessionCookie(env);
  return {
    name: session.options.secure ? "__Host-bazaar.cart" : "bazaar.cart",
    options: { ...session.options, maxAge: 30 * 24 * 60 * 60 },
  };
}

/**
 * A phone app's OAuth sign-in in progress in this browser (decision 0025): its PKCE challenge,
 * redirect URI and state, signed, for the 10 minutes the provider's pages may take.
 */
export function appSignInCookie(env: Pick<AuthEnv, "APP_URL">) {
  const session = sessionCookie(env);
  return {
    name: session.options.secure ? "__Host-bazaar.app-sign-in" : "bazaar.app-sign-in",
    options: { ...session.options, maxAge: 10 * 60 },
  };
}

/** A Set-Cookie header value; `maxAge` 0 deletes the cookie. */
export function serializeCookie(
  name: string,
  value: string,
  options: { httpOnly: boolean; sameSite: "lax"; path: string; secure: boolean; maxAge: number },
): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAge}`,
    "SameSite=Lax",
    ...(options.httpOnly ? ["HttpOnly"] : []),
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}

/** The value of one cookie from a Cookie header, or null. */
export function readCookie(header: string | null, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null; // a malformed %-escape: no usable token, not a crash
    }
  }
  return null;
}

/**
 * The client's address from X-Forwarded-For, counted from the right past `hops` proxies: the
 * entries a proxy appended can be trusted, anything further left was written by the client.
 */
export function clientIp(forwardedFor: string | null, hops: number): string | null {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const ip = entries[entries.length - hops] ?? entries[0];
  return ip ? ip.slice(0, 64) : null;
}
