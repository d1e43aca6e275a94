import { describe, expect, it } from "vitest";

import { appSignInStartInput, signInWithAppCodeInput } from "./app-sign-in.ts";

const start = appSignInStartInput({
  providers: ["github", "oidc"],
  redirectUris: ["bazaar://auth", "http://127.0.0.1:3104/auth/callback"],
});
const good = {
  provider: "oidc",
  redirect_uri: "bazaar://auth",
  code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
  code_challenge_method: "S256",
  state: "xyz 123",
};

const PKCE_MESSAGE = "must be 43 to 128 characters of A-Z, a-z, 0-9, '-', '.', '_' and '~'";

/** The fields a query is refused for, with their messages. */
function refusals(query: Record<string, unknown>) {
  const parsed = start.safeParse(query);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("appSignInStartInput", () => {
  it("accepts a configured provider, an allowed redirect URI, an S256 challenge and a state", () => {
    expect(start.parse(good)).toEqual(good);
    expect(start.parse({ ...good, code_challenge: "a".repeat(128), state: "~".repeat(200) })).toMatchObject({
      state: "~".repeat(200),
    });
  });

  it.each([
    ["an unknown provider", { provider: "facebook" }, "provider", "is not a sign-in provider of this shop"],
    ["no provider", { provider: undefined }, "provider", "is required"],
    [
      "a redirect URI that is not listed",
      { redirect_uri: "evil://auth" },
      "redirect_uri",
      "is not one of the app's redirect URIs",
    ],
    [
      "a listed redirect URI with something added",
      { redirect_uri: "bazaar://auth/extra" },
      "redirect_uri",
      "is not one of the app's redirect URIs",
    ],
    [
      "a redirect URI given twice",
      { redirect_uri: ["bazaar://auth", "evil://x"] },
      "redirect_uri",
      "must be given once, as text",
    ],
    ["no challenge", { code_challenge: undefined }, "code_challenge", "is required"],
    ["a 42-character challenge", { code_challenge: "a".repeat(42) }, "code_challenge", PKCE_MESSAGE],
    ["a 129-character challenge", { code_challenge: "a".repeat(129) }, "code_challenge", PKCE_MESSAGE],
    ["a challenge with '+'", { code_challenge: `${"a".repeat(42)}+` }, "code_challenge", PKCE_MESSAGE],
    ["the plain method", { code_challenge_method: "plain" }, "code_challenge_method", "must be S256"],
    ["no method", { code_challenge_method: undefined }, "code_challenge_method", "is required"],
    ["an empty state", { state: "" }, "state", "is required"],
    ["a 201-character state", { state: "s".repeat(201) }, "state", "must be at most 200 characters"],
    ["a state with a newline", { state: "a\nb" }, "state", "must be printable ASCII"],
  ])("refuses %s, naming the field", (_, change, field, message) => {
    expect(refusals({ ...good, ...change })).toEqual({ [field]: message });
  });
});

describe("signInWithAppCodeInput", () => {
  it("wants a code, a PKCE verifier and the redirect URI", () => {
    const input = { code: "c".repeat(43), codeVerifier: "v".repeat(43), redirectUri: "bazaar://auth" };
    expect(signInWithAppCodeInput.parse(input)).toEqual(input);
    expect(signInWithAppCodeInput.safeParse({ ...input, codeVerifier: "v".repeat(42) }).success).toBe(false);
    expect(signInWithAppCodeInput.safeParse({ ...input, code: "" }).success).toBe(false);
  });
});
