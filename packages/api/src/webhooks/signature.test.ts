// The signature header with more than one v1 (an endpoint's secret mid-rotation): any one that is
// made with the receiver's secret verifies it; values of another shape are passed over.
import { describe, expect, it } from "vitest";

import { signWebhook, verifyWebhook } from "./signature.ts";

const BODY = '{"id":"evt_1"}';
const NOW = new Date("2026-12-07T12:00:00Z");

describe("verifyWebhook", () => {
  it("accepts a header whose v1 values include one made with the secret, in any position", () => {
    const header = signWebhook(["new-secret", "old-secret"], BODY, NOW);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    for (const secret of ["new-secret", "old-secret"]) {
      expect(() => verifyWebhook(secret, header, BODY, NOW)).not.toThrow();
    }
    expect(() => verifyWebhook("third-secret", header, BODY, NOW)).toThrow("mismatch");
  });

  it("passes over a v1 of another shape rather than failing on it", () => {
    const [t, v1] = signWebhook("secret", BODY, NOW).split(",");
    expect(() => verifyWebhook("secret", `${t},v1=abc,${v1}`, BODY, NOW)).not.toThrow();
    expect(() => verifyWebhook("secret", `${t},v1=abc`, BODY, NOW)).toThrow("mismatch");
    expect(() => verifyWebhook("secret", `${t}`, BODY, NOW)).toThrow("malformed");
  });
});
