import { describe, expect, it } from "vitest";

import { formatMoney, moneySchema } from "./money.ts";

describe("formatMoney", () => {
  it("divides by the currency's own minor unit", () => {
    expect(formatMoney({ amount: 1250, currency: "USD" })).toBe("$12.50");
    expect(formatMoney({ amount: 1250, currency: "JPY" })).toBe("¥1,250");
    expect(formatMoney({ amount: 1250, currency: "KWD" })).toBe("KWD\u00a01.250");
  });

  it("formats for the requested locale", () => {
    expect(formatMoney({ amount: 123456, currency: "EUR" }, "de-DE")).toBe("1.234,56\u00a0€");
  });
});

describe("moneySchema", () => {
  it("refuses fractional minor units and bad currency codes", () => {
    expect(moneySchema.safeParse({ amount: 12.5, currency: "USD" }).error?.issues[0]?.path).toEqual([
      "amount",
    ]);
    expect(moneySchema.safeParse({ amount: 1, currency: "usd" }).error?.issues[0]?.path).toEqual([
      "currency",
    ]);
  });
});
