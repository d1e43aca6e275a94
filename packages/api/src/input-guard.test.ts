import { describe, expect, it } from "vitest";

import { MAX_INPUT_DEPTH, MAX_INPUT_VALUES, unsafeInputRefusal } from "./input-guard.ts";

const refusalOf = (input: unknown) => {
  const refusal = unsafeInputRefusal(input);
  return refusal ? { code: refusal.code, fieldErrors: refusal.fieldErrors } : null;
};

const nested = (depth: number) => {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

describe("the input guard", () => {
  it("lets ordinary input through, whatever its shape", () => {
    expect(refusalOf({ q: "linen shirt", options: { size: ["M"] }, limit: 24, at: new Date() })).toBeNull();
    expect(refusalOf(undefined)).toBeNull();
    expect(refusalOf(["a", 1, null, true])).toBeNull();
  });

  it("refuses a NUL or an unpaired surrogate anywhere, naming the field", () => {
    expect(refusalOf({ address: { city: "Oak\u0000land" } })).toEqual({
      code: "BAD_REQUEST",
      fieldErrors: { "address.city": ["must not contain control characters"] },
    });
    expect(refusalOf({ lines: [{ variantId: "x\ud800" }] })).toEqual({
      code: "BAD_REQUEST",
      fieldErrors: { "lines.0.variantId": ["must be valid text"] },
    });
    expect(refusalOf("\u0000")?.fieldErrors).toEqual({ input: ["must not contain control characters"] });
  });

  it("refuses keys that reach for a prototype, on the object that holds them", () => {
    expect(refusalOf(JSON.parse('{"options": {"__proto__": {"polluted": true}}}'))?.fieldErrors).toEqual({
      options: ["must not have a key named __proto__"],
    });
    expect(refusalOf({ constructor: { prototype: {} } })?.fieldErrors).toEqual({
      input: ["must not have a key named constructor"],
    });
    expect(refusalOf({ "a\u0000": 1 })?.fieldErrors).toEqual({
      input: ["has a key that must not contain control characters"],
    });
  });

  it("refuses nesting past its depth, and inputs past their size, without recursing", () => {
    expect(refusalOf(nested(MAX_INPUT_DEPTH - 1))).toBeNull();
    expect(refusalOf(nested(3_000))?.fieldErrors).toEqual({
      [Array(MAX_INPUT_DEPTH).fill("a").join(".")]: ["is nested too deeply"],
    });
    expect(refusalOf(Array(MAX_INPUT_VALUES + 1).fill(1))?.fieldErrors).toEqual({ input: ["is too large"] });
  });

  it("reads the text fields of multipart form data", () => {
    const form = new FormData();
    form.set("productId", "p1");
    form.set("alt", "a\u0000picture");
    expect(refusalOf(form)?.fieldErrors).toEqual({ alt: ["must not contain control characters"] });
  });
});
