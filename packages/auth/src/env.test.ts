import { describe, expect, it } from "vitest";

import { AuthConfigError, readAuthEnv } from "./env.ts";

describe("readAuthEnv", () => {
  it("refuses to run in production without AUTH_SECRET", () => {
    expect(() => readAuthEnv({ NODE_ENV: "production" })).toThrow(AuthConfigError);
    expect(() => readAuthEnv({ NODE_ENV: "production", AUTH_SECRET: "" })).toThrow(
      "AUTH_SECRET: is required in production",
    );
    expect(readAuthEnv({ NODE_ENV: "production", AUTH_SECRET: "s".repeat(32) }).AUTH_SECRET).toHaveLength(32);
  });

  it("needs no secret in development, and has shorter staff sessions by default", () => {
    const env = readAuthEnv({});
    expect(env.AUTH_SECRET).toBeUndefined();
    expect(env.STAFF_SESSION_IDLE_MINUTES).toBeLessThan(env.SESSION_IDLE_MINUTES);
    expect(env.STAFF_SESSION_MAX_MINUTES).toBeLessThan(env.SESSION_MAX_MINUTES);
  });

  it("names bad values", () => {
    expect(() =>
      readAuthEnv({ AUTH_SECRET: "short", REDIS_URL: "http://x", SESSION_IDLE_MINUTES: "0" }),
    ).toThrow(
      /AUTH_SECRET: must be at least 32 characters\n {2}SESSION_IDLE_MINUTES: .*\n {2}REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/,
    );
  });

  it("allows plain http in production only on this machine", () => {
    const base = { NODE_ENV: "production", AUTH_SECRET: "s".repeat(32) };
    expect(readAuthEnv({ ...base, APP_URL: "http://127.0.0.1:3100/" }).APP_URL).toBe("http://127.0.0.1:3100");
    expect(readAuthEnv({ ...base, APP_URL: "https://shop.example" }).APP_URL).toBe("https://shop.example");
    expect(() => readAuthEnv({ ...base, APP_URL: "http://shop.example" })).toThrow(
      "APP_URL: must be https:// in production",
    );
  });

  it("wants a provider's id and secret together, and an issuer for generic OIDC", () => {
    expect(() => readAuthEnv({ AUTH_GITHUB_ID: "abc" })).toThrow(
      "AUTH_GITHUB_SECRET: is needed with AUTH_GITHUB_ID",
    );
    expect(() => readAuthEnv({ AUTH_OIDC_ID: "a", AUTH_OIDC_SECRET: "b" })).toThrow(
      "AUTH_OIDC_ISSUER: is needed with AUTH_OIDC_ID",
    );
  });

  it("reads the phone app's redirect URIs as an exact list, bazaar://auth by default", () => {
    expect(readAuthEnv({}).APP_REDIRECT_URIS).toEqual(["bazaar://auth"]);
    expect(
      readAuthEnv({
        APP_REDIRECT_URIS: " bazaar://auth , http://127.0.0.1:3104/auth/callback,,https://app.example/cb?x=1",
      }).APP_REDIRECT_URIS,
    ).toEqual(["bazaar://auth", "http://127.0.0.1:3104/auth/callback", "https://app.example/cb?x=1"]);
    expect(() => readAuthEnv({ APP_REDIRECT_URIS: "bazaar://auth,/relative/path" })).toThrow(
      "APP_REDIRECT_URIS.1: must be an absolute URI",
    );
    expect(() => readAuthEnv({ APP_REDIRECT_URIS: "https://app.example/cb#done" })).toThrow(
      "APP_REDIRECT_URIS.0: must not have a #fragment",
    );
    expect(() => readAuthEnv({ APP_REDIRECT_URIS: "https:///no-host" })).toThrow(
      "APP_REDIRECT_URIS.0: must be an absolute URI",
    );
    expect(() => readAuthEnv({ APP_REDIRECT_URIS: " , " })).toThrow(
      "APP_REDIRECT_URIS: must list at least one URI",
    );
  });

  it("refuses next-auth's own URL settings, which would bypass APP_URL", () => {
    expect(() => readAuthEnv({ AUTH_URL: "http://evil.example" })).toThrow(
      "AUTH_URL: must not be set: Bazaar uses APP_URL",
    );
    expect(() => readAuthEnv({ NEXTAUTH_URL: "http://evil.example" })).toThrow(
      "NEXTAUTH_URL: must not be set",
    );
  });
});
