// The OAuth / OpenID Connect providers the environment configures: each one appears when both its
// client id and secret are set (readAuthEnv has already checked that they come in pairs).
import type { User } from "next-auth";
import type { OAuthConfig, Provider } from "next-auth/providers";
import Discord, { type DiscordProfile } from "next-auth/providers/discord";
import GitHub, { type GitHubProfile } from "next-auth/providers/github";
import Google, { type GoogleProfile } from "next-auth/providers/google";

import type { AuthEnv } from "../env.ts";
import { EMAIL_VERIFIED_BY_PROVIDER } from "./adapter.ts";
import type { ProviderCredentialsEnv } from "./provider-origins.ts";

type ProviderEnv = ProviderCredentialsEnv & Pick<AuthEnv, "AUTH_OIDC_NAME">;

/** What a sign-in page needs to draw a provider's button. */
export interface ConfiguredProvider {
  id: string;
  name: string;
}

/** The standard claims of an OpenID Connect ID token or userinfo answer that Bazaar reads. */
export interface OidcClaims {
  sub: string;
  email?: string;
  /** Some issuers send the string "true". */
  email_verified?: boolean | string;
  name?: string;
  preferred_username?: string;
  picture?: string;
}

type ProviderUser = User & { [EMAIL_VERIFIED_BY_PROVIDER]: boolean };

const claimIsTrue = (value: unknown) => value === true || value === "true";

function fromOidcClaims(claims: OidcClaims): ProviderUser {
  return {
    id: claims.sub,
    name: claims.name ?? claims.preferred_username ?? null,
    email: claims.email ?? null,
    image: claims.picture ?? null,
    [EMAIL_VERIFIED_BY_PROVIDER]: claimIsTrue(claims.email_verified),
  };
}

/** Keep the provider's own profile mapping, and add whether it vouches for the address. */
function withEmailVerification<P>(
  provider: OAuthConfig<P>,
  profile: NonNullable<OAuthConfig<P>["profile"]>,
  verified: (profile: P) => boolean,
): OAuthConfig<P> {
  return {
    ...provider,
    async profile(raw, tokens): Promise<ProviderUser> {
      return { ...(await profile(raw, tokens)), [EMAIL_VERIFIED_BY_PROVIDER]: verified(raw) };
    },
  };
}

function requireProfile<P>(provider: OAuthConfig<P>): NonNullable<OAuthConfig<P>["profile"]> {
  if (!provider.profile) throw new Error(`next-auth's ${provider.id} provider has no profile mapping`);
  return provider.profile;
}

interface Entry extends ConfiguredProvider {
  config: Provider;
}

function entries(env: ProviderEnv): Entry[] {
  const list: Entry[] = [];
  const add = <P>(config: OAuthConfig<P>) => list.push({ id: config.id, name: config.name, config });
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    const github = GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET });
    // next-auth falls back to the primary address of /user/emails without checking GitHub's
    // `verified` flag there, so a GitHub address is not taken as confirmed.
    add(withEmailVerification<GitHubProfile>(github, requireProfile(github), () => false));
  }
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) {
    const google = Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET });
    add(withEmailVerification<GoogleProfile>(google, fromOidcClaims, (p) => claimIsTrue(p.email_verified)));
  }
  if (env.AUTH_DISCORD_ID && env.AUTH_DISCORD_SECRET) {
    const discord = Discord({ clientId: env.AUTH_DISCORD_ID, clientSecret: env.AUTH_DISCORD_SECRET });
    add(withEmailVerification<DiscordProfile>(discord, requireProfile(discord), (p) => p.verified));
  }
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) {
    add<OidcClaims>({
      id: "oidc",
      name: env.AUTH_OIDC_NAME,
      type: "oidc",
      issuer: env.AUTH_OIDC_ISSUER,
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
      // Read the profile from the userinfo endpoint, not the ID token: when an access token is
      // issued too, OpenID Connect Core (5.4) puts the `email` and `profile` scopes' claims in
      // userinfo, and conforming issuers (oidc-provider, Okta) leave them out of the ID token.
      // The ID token is still required and checked; userinfo's `sub` must match it.
      idToken: false,
      profile: fromOidcClaims,
    });
  }
  return list;
}

/** The providers to hand to next-auth, in the order their buttons appear. */
export function oauthProviders(env: ProviderEnv): Provider[] {
  return entries(env).map((entry) => entry.config);
}

/** The providers a sign-in page offers, as `{ id, name }`. */
export function configuredProviders(env: ProviderEnv): ConfiguredProvider[] {
  return entries(env).map(({ id, name }) => ({ id, name }));
}
