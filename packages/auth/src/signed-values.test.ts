import { describe, expect, it } from "vitest";

import { signingSecret, signValue, verifySignedValue } from "./signed-values.ts";

const SECRET = "s".repeat(32);

describe("signed values", () => {
  it("gives back what it signed", () => {
    expect(verifySignedValue(SECRET, "cart", signValue(SECRET, "cart", "c_123"))).toBe("c_123");
  });

  it.each([
    ["another value under the same signature", (s: string) => s.replace("c_123", "c_124")],
    ["a truncated signature", (s: string) => s.slice(0, -1)],
    ["no signature", () => "c_123"],
    ["an empty signature", () => "c_123."],
    ["nothing", () => ""],
    ["something huge", () => `${"x".repeat(300)}.y`],
  ])("refuses %s", (_, tamper) => {
    expect(verifySignedValue(SECRET, "cart", tamper(signValue(SECRET, "cart", "c_123")))).toBeNull();
  });

  it("refuses a value signed for another purpose or with another secret", () => {
    const signed = signValue(SECRET, "cart", "c_123");
    expect(verifySignedValue(SECRET, "session", signed)).toBeNull();
    expect(verifySignedValue("t".repeat(32), "cart", signed)).toBeNull();
  });

  it("uses AUTH_SECRET when set, else one random key for the whole process", () => {
    expect(signingSecret(SECRET)).toBe(SECRET);
    const key = signingSecret(undefined);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(signingSecret(undefined)).toBe(key);
  });
});
