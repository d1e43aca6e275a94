// Where a sign-in form's answer may send the browser: the shop's pages allow form submissions to
// lead only to the shop itself and to the authorization pages of the providers configured here
// (CSP form-action, apps/web/src/server/security). Without JavaScript, "Continue with GitHub" is
// a form whose answer redirects to GitHub, and browsers hold that redirect to form-action too.
// No next-auth import: the web app's proxy reads this on every request; providers.test.ts holds
// these origins to next-auth's own provider settings.
import type { AuthEnv } from "../env.ts";

/** The providers' credentials: each provider is configured when its id and secret are set. */
export type ProviderCredentialsEnv = Pick<
  AuthEnv,
  | "AUTH_GITHUB_ID"
  | "AUTH_GITHUB_SECRET"
  | "AUTH_GOOGLE_ID"
  | "AUTH_GOOGLE_SECRET"
  | "AUTH_DISCORD_ID"
  | "AUTH_DISCORD_SECRET"
  | "AUTH_OIDC_ISSUER"
  | "AUTH_OIDC_ID"
  | "AUTH_OIDC_SECRET"
>;

export const GITHUB_AUTHORIZE_ORIGIN = "https://github.com";
export const GOOGLE_AUTHORIZE_ORIGIN = "https://accounts.google.com";
export const DISCORD_AUTHORIZE_ORIGIN = "https://discord.com";

/** The origins of the authorization pages of every configured provider. */
export function providerAuthorizeOrigins(env: ProviderCredentialsEnv): string[] {
  const origins: string[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) origins.push(GITHUB_AUTHORIZE_ORIGIN);
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) origins.push(GOOGLE_AUTHORIZE_ORIGIN);
  if (env.AUTH_DISCORD_ID && env.AUTH_DISCORD_SECRET) origins.push(DISCORD_AUTHORIZE_ORIGIN);
  // An OpenID issuer serves its authorization endpoint from its own origin in practice; one that
  // does not would need listing here.
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET)
    origins.push(new URL(env.AUTH_OIDC_ISSUER).origin);
  return origins;
}
