import type { OAuthConfig } from "next-auth/providers";
import { describe, expect, it } from "vitest";

import { readAuthEnv } from "../env.ts";
import { EMAIL_VERIFIED_BY_PROVIDER } from "./adapter.ts";
import { providerAuthorizeOrigins } from "./provider-origins.ts";
import { configuredProviders, oauthProviders } from "./providers.ts";

const allSet = {
  AUTH_GITHUB_ID: "gh-id",
  AUTH_GITHUB_SECRET: "gh-secret",
  AUTH_GOOGLE_ID: "google-id",
  AUTH_GOOGLE_SECRET: "google-secret",
  AUTH_DISCORD_ID: "discord-id",
  AUTH_DISCORD_SECRET: "discord-secret",
  AUTH_OIDC_ISSUER: "https://sso.example.com/realms/shop",
  AUTH_OIDC_ID: "bazaar",
  AUTH_OIDC_SECRET: "oidc-secret",
};

/**
 * The providers as next-auth uses them: plain objects (never factories), with the options a
 * built-in provider was called with laid over its defaults, as @auth/core's parseProviders does.
 */
function providerConfigs(env: Record<string, string>) {
  return oauthProviders(readAuthEnv(env)).map((provider) => {
    if (typeof provider === "function") throw new Error("expected a provider object");
    const { options, ...defaults } = provider as OAuthConfig<Record<string, unknown>>;
    return { ...defaults, ...options };
  });
}

function byId(env: Record<string, string>, id: string) {
  const provider = providerConfigs(env).find((p) => p.id === id);
  if (!provider?.profile) throw new Error(`no ${id} provider with a profile mapping`);
  return { ...provider, profile: provider.profile };
}

const tokens = { access_token: "at", token_type: "bearer" as const };

describe("providers from the environment", () => {
  it("offers none when nothing is configured", () => {
    expect(configuredProviders(readAuthEnv({}))).toEqual([]);
    expect(oauthProviders(readAuthEnv({}))).toEqual([]);
  });

  it("offers each provider whose id and secret are set, in a fixed order", () => {
    expect(configuredProviders(readAuthEnv(allSet))).toEqual([
      { id: "github", name: "GitHub" },
      { id: "google", name: "Google" },
      { id: "discord", name: "Discord" },
      { id: "oidc", name: "Single sign-on" },
    ]);
    expect(
      configuredProviders(readAuthEnv({ AUTH_DISCORD_ID: "d", AUTH_DISCORD_SECRET: "s" })).map((p) => p.id),
    ).toEqual(["discord"]);
  });

  it("configures the generic OpenID Connect provider from AUTH_OIDC_*", () => {
    const oidc = byId({ ...allSet, AUTH_OIDC_NAME: "Staff SSO" }, "oidc");
    expect(oidc).toMatchObject({
      id: "oidc",
      name: "Staff SSO",
      type: "oidc",
      issuer: "https://sso.example.com/realms/shop",
      clientId: "bazaar",
      clientSecret: "oidc-secret",
    });
  });

  it("passes each provider its own client id and secret", () => {
    const configs = providerConfigs(allSet);
    expect(configs.map((p) => [p.id, p.clientId, p.clientSecret])).toEqual([
      ["github", "gh-id", "gh-secret"],
      ["google", "google-id", "google-secret"],
      ["discord", "discord-id", "discord-secret"],
      ["oidc", "bazaar", "oidc-secret"],
    ]);
  });

  it("never links accounts by email without a signed-in user", () => {
    for (const provider of providerConfigs(allSet)) {
      expect(provider.allowDangerousEmailAccountLinking).toBeFalsy();
    }
  });
});

describe("provider profiles", () => {
  it("maps OpenID Connect claims, and takes the address as verified only when email_verified says so", async () => {
    const { profile } = byId(allSet, "oidc");
    const claims = {
      sub: "abc",
      email: "Ann@Example.com",
      name: "Ann",
      picture: "https://img.example.com/ann",
    };
    expect(await profile({ ...claims, email_verified: true }, tokens)).toEqual({
      id: "abc",
      email: "Ann@Example.com",
      name: "Ann",
      image: "https://img.example.com/ann",
      [EMAIL_VERIFIED_BY_PROVIDER]: true,
    });
    expect(await profile({ ...claims, email_verified: "true" }, tokens)).toMatchObject({
      [EMAIL_VERIFIED_BY_PROVIDER]: true,
    });
    expect(await profile({ ...claims, email_verified: false }, tokens)).toMatchObject({
      [EMAIL_VERIFIED_BY_PROVIDER]: false,
    });
    expect(await profile(claims, tokens)).toMatchObject({ [EMAIL_VERIFIED_BY_PROVIDER]: false });
  });

  it("reads Google's email_verified and Discord's verified flags; a GitHub address is never taken as verified", async () => {
    const google = byId(allSet, "google").profile;
    expect(await google({ sub: "g1", email: "g@example.com", email_verified: true }, tokens)).toMatchObject({
      id: "g1",
      [EMAIL_VERIFIED_BY_PROVIDER]: true,
    });
    const discord = byId(allSet, "discord").profile;
    const discordUser = { id: "80351110224678912", username: "nelly", discriminator: "0", avatar: null };
    expect(await discord({ ...discordUser, email: "n@example.com", verified: true }, tokens)).toMatchObject({
      id: "80351110224678912",
      email: "n@example.com",
      [EMAIL_VERIFIED_BY_PROVIDER]: true,
    });
    expect(await discord({ ...discordUser, email: "n@example.com", verified: false }, tokens)).toMatchObject({
      [EMAIL_VERIFIED_BY_PROVIDER]: false,
    });
    const github = byId(allSet, "github").profile;
    expect(await github({ id: 1, login: "octo", email: "octo@example.com" }, tokens)).toMatchObject({
      id: "1",
      email: "octo@example.com",
      [EMAIL_VERIFIED_BY_PROVIDER]: false,
    });
  });
});

describe("the providers' authorization origins (CSP form-action)", () => {
  it("are the origins of next-auth's own authorization URLs, for each provider set", () => {
    const fromNextAuth = providerConfigs(allSet).map((provider) => {
      const authorization = provider.authorization as string | { url?: string } | undefined;
      const url = typeof authorization === "string" ? authorization : authorization?.url;
      // The OpenID issuer's endpoint is found by discovery; its origin is the issuer's.
      return new URL(url ?? provider.issuer ?? "").origin;
    });
    expect(providerAuthorizeOrigins(readAuthEnv(allSet))).toEqual(fromNextAuth);
    expect(fromNextAuth).toContain("https://sso.example.com");
  });

  it("are none when no provider is set", () => {
    expect(providerAuthorizeOrigins(readAuthEnv({}))).toEqual([]);
  });
});
