// OAuth sign-in for the phone app through the system browser (decision 0025). The shop acts as
// the app's authorization server with PKCE (RFC 7636, S256 only): the app opens
// /api/app-auth/start, the browser comes back to the app's redirect URI with a one-time code, and
// the app trades the code and its verifier for a bearer session (`account.signInWithAppCode`).
import { z } from "zod";

/** RFC 7636's unreserved characters, 43 to 128 of them: a code verifier, and a challenge. */
const PKCE_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;
const PKCE_MESSAGE = "must be 43 to 128 characters of A-Z, a-z, 0-9, '-', '.', '_' and '~'";

/** RFC 6749's `state`: visible ASCII and spaces. */
const STATE_PATTERN = /^[\x20-\x7e]*$/;

/** The longest redirect URI the shop accepts in its settings. */
export const APP_REDIRECT_URI_MAX = 300;

/** "is required" when the parameter is missing; the rule's own message otherwise. */
const required = (value: unknown) => (value === undefined ? "is required" : "must be given once, as text");

/**
 * One entry of the `APP_REDIRECT_URIS` setting: an absolute URI (`bazaar://auth`,
 * `https://app.example/auth/callback`), compared exactly as written. No fragment: the code and
 * state are added to its query.
 */
export const appRedirectUriSetting = z
  .string()
  .max(APP_REDIRECT_URI_MAX, `must be at most ${APP_REDIRECT_URI_MAX} characters`)
  .refine(isAbsoluteUri, {
    error: "must be an absolute URI (scheme:rest, and a host for http and https)",
    abort: true,
  })
  .refine((uri) => !uri.includes("#"), "must not have a #fragment");

// By pattern, not `URL`: this package runs in React Native too, and assumes neither a DOM nor Node.
function isAbsoluteUri(uri: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:[\x21-\x7e]+$/i.test(uri)) return false;
  return !/^https?:/i.test(uri) || /^https?:\/\/[^/?#@]+(?:[/?]|$)/i.test(uri);
}

export interface AppSignInOptions {
  /** The OAuth providers the shop offers (configuredProviders' ids). */
  providers: readonly string[];
  /** The exact redirect URIs the app may ask to come back to (APP_REDIRECT_URIS). */
  redirectUris: readonly string[];
}

/** The query of `GET /api/app-auth/start`; what is allowed depends on the shop's settings. */
export function appSignInStartInput(options: AppSignInOptions) {
  return z.object({
    provider: z
      .string({ error: (issue) => required(issue.input) })
      .refine((id) => options.providers.includes(id), "is not a sign-in provider of this shop"),
    redirect_uri: z
      .string({ error: (issue) => required(issue.input) })
      .refine((uri) => options.redirectUris.includes(uri), "is not one of the app's redirect URIs"),
    code_challenge: z.string({ error: (issue) => required(issue.input) }).regex(PKCE_PATTERN, PKCE_MESSAGE),
    code_challenge_method: z.literal("S256", {
      error: (issue) => (issue.input === undefined ? "is required" : "must be S256"),
    }),
    state: z
      .string({ error: (issue) => required(issue.input) })
      .min(1, "is required")
      .max(200, "must be at most 200 characters")
      .regex(STATE_PATTERN, "must be printable ASCII"),
  });
}

export type AppSignInStart = z.infer<ReturnType<typeof appSignInStartInput>>;

/** What the app sends to trade its one-time code for a bearer session. */
export const signInWithAppCodeInput = z.object({
  code: z.string().min(1, "is required").max(128, "is too long"),
  codeVerifier: z.string().regex(PKCE_PATTERN, PKCE_MESSAGE),
  redirectUri: z.string().min(1, "is required").max(2048, "is too long"),
});
