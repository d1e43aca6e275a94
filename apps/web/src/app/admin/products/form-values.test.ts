import { describe, expect, it } from "vitest";

import {
  foldOptionErrors,
  formatOptions,
  parseCount,
  parseOptionalPrice,
  parseOptions,
  parsePrice,
  priceText,
} from "./form-values";

describe("options typed as name=value pairs", () => {
  it("reads them, trimmed, and writes them back the same way", () => {
    const parsed = parseOptions(" size = M, colour=Navy ,");
    expect(parsed).toEqual({ ok: true, value: { size: "M", colour: "Navy" } });
    expect(formatOptions({ size: "M", colour: "Navy" })).toBe("size=M, colour=Navy");
    expect(parseOptions("")).toEqual({ ok: true, value: {} });
  });

  it.each(["size", "size=", "=M", "size=M, colour"])("refuses %j", (text) => {
    expect(parseOptions(text)).toEqual({ ok: false, message: "must be name=value pairs, like size=M" });
  });

  it("puts the API's per-option messages on the one options field", () => {
    expect(
      foldOptionErrors({
        "variants.1.options.Size": ["must be a lower-case option name, like size or colour"],
        "variants.1.options": ["can have at most 6 options"],
        "variants.1.sku": ["is required"],
        options: ["are the same as another variant's"],
      }),
    ).toEqual({
      "variants.1.options": [
        "must be a lower-case option name, like size or colour",
        "can have at most 6 options",
      ],
      "variants.1.sku": ["is required"],
      options: ["are the same as another variant's"],
    });
  });
});

describe("prices and counts as typed", () => {
  it("reads prices in the currency's minor units", () => {
    expect(parsePrice("24.00", "USD")).toEqual({ ok: true, value: 2400 });
    expect(parsePrice("24", "JPY")).toEqual({ ok: true, value: 24 });
    expect(parsePrice("", "USD")).toEqual({ ok: false, message: "is required" });
    expect(parsePrice("24.001", "USD")).toEqual({ ok: false, message: "must be an amount like 24.00" });
    expect(parseOptionalPrice(" ", "USD")).toEqual({ ok: true, value: null });
    expect(priceText(2400, "USD")).toBe("24.00");
    expect(priceText(null, "USD")).toBe("");
  });

  it("reads whole numbers, signed, with a default for blank or none", () => {
    expect(parseCount("-3")).toEqual({ ok: true, value: -3 });
    expect(parseCount("", 0)).toEqual({ ok: true, value: 0 });
    expect(parseCount("")).toEqual({ ok: false, message: "is required" });
    expect(parseCount("1.5")).toEqual({ ok: false, message: "must be a whole number" });
  });
});
