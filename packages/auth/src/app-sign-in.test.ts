import { describe, expect, it } from "vitest";

import {
  completePendingAppSignIn,
  openPendingAppSignIn,
  pkceVerifierMatches,
  sealPendingAppSignIn,
} from "./app-sign-in.ts";
import { signValue } from "./signed-values.ts";

const SECRET = "s".repeat(32);
const T0 = new Date("2026-06-01T12:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const pending = {
  provider: "oidc",
  codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
  redirectUri: "bazaar://auth",
  state: "opaque state with spaces & symbols ~!",
};

describe("the pending app sign-in cookie", () => {
  it("carries the app's request for 10 minutes, with no user until a sign-in completes it", () => {
    const sealed = sealPendingAppSignIn(SECRET, pending, T0);
    expect(openPendingAppSignIn(SECRET, sealed, minutes(9))).toEqual({ ...pending, userId: null });
    expect(openPendingAppSignIn(SECRET, sealed, minutes(10))).toBeNull();
  });

  it("is completed with the user who signed in, keeping the expiry set at start", () => {
    const sealed = sealPendingAppSignIn(SECRET, pending, T0);
    const done = completePendingAppSignIn(SECRET, sealed, "u_1", minutes(8));
    expect(openPendingAppSignIn(SECRET, done, minutes(9))).toEqual({ ...pending, userId: "u_1" });
    expect(openPendingAppSignIn(SECRET, done, minutes(10))).toBeNull();
    expect(completePendingAppSignIn(SECRET, sealed, "u_1", minutes(10))).toBeNull();
    expect(completePendingAppSignIn(SECRET, "forged.value", "u_1", T0)).toBeNull();
  });

  it("fits the longest request the start route accepts", () => {
    const longest = {
      provider: "discord",
      codeChallenge: "a".repeat(128),
      redirectUri: `https://app.example/${"p".repeat(280)}`,
      state: "~".repeat(200),
    };
    const sealed = sealPendingAppSignIn(SECRET, longest, T0);
    expect(openPendingAppSignIn(SECRET, sealed, T0)).toEqual({ ...longest, userId: null });
    // Comfortably below a browser's 4 KiB per cookie, %-escaped or not.
    expect(encodeURIComponent(sealed).length).toBeLessThan(1500);
  });

  it("is refused when tampered with, signed with another secret or for another purpose, or not JSON", () => {
    const sealed = sealPendingAppSignIn(SECRET, pending, T0);
    const [value, mac] = sealed.split(".");
    const forged = Buffer.from(JSON.stringify({ ...pending, redirectUri: "evil://x", expiresAt: 9e15 }));
    expect(openPendingAppSignIn(SECRET, `${forged.toString("base64url")}.${mac}`, T0)).toBeNull();
    expect(openPendingAppSignIn(SECRET, `${value}x.${mac}`, T0)).toBeNull();
    expect(openPendingAppSignIn("t".repeat(32), sealed, T0)).toBeNull();
    expect(openPendingAppSignIn(SECRET, signValue(SECRET, "guest-cart", value ?? ""), T0)).toBeNull();
    const notJson = signValue(SECRET, "app-sign-in", Buffer.from("{nope").toString("base64url"));
    expect(openPendingAppSignIn(SECRET, notJson, T0)).toBeNull();
    const wrongShape = signValue(SECRET, "app-sign-in", Buffer.from('{"state":1}').toString("base64url"));
    expect(openPendingAppSignIn(SECRET, wrongShape, T0)).toBeNull();
    expect(openPendingAppSignIn(SECRET, undefined, T0)).toBeNull();
  });
});

describe("pkceVerifierMatches (S256)", () => {
  it("accepts RFC 7636's example pair (appendix B) and nothing else", () => {
    const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    expect(pkceVerifierMatches(verifier, pending.codeChallenge)).toBe(true);
    expect(pkceVerifierMatches(`${verifier.slice(0, -1)}j`, pending.codeChallenge)).toBe(false);
    // The plain method is not accepted: the verifier itself is not its challenge.
    expect(pkceVerifierMatches(verifier, verifier)).toBe(false);
    expect(pkceVerifierMatches(verifier, `${pending.codeChallenge}A`)).toBe(false);
  });
});
