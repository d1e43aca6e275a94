import { describe, expect, it } from "vitest";

import { currencyDigits, decimalToMinor, minorToDecimal, percentOff } from "./price";

describe("currencyDigits", () => {
  it("knows how many decimals a currency has", () => {
    expect(currencyDigits("USD")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
    expect(currencyDigits("KWD")).toBe(3);
  });
});

describe("decimalToMinor", () => {
  it("turns what a shopper types into minor units without floating-point error", () => {
    expect(decimalToMinor("12.50", "USD")).toBe(1250);
    expect(decimalToMinor("12.5", "USD")).toBe(1250);
    expect(decimalToMinor("12", "USD")).toBe(1200);
    expect(decimalToMinor("12.", "USD")).toBe(1200);
    expect(decimalToMinor(".99", "USD")).toBe(99);
    expect(decimalToMinor(" 40 ", "USD")).toBe(4000);
    expect(decimalToMinor("0.29", "USD")).toBe(29); // 0.29 * 100 is 28.999… as a float
    expect(decimalToMinor("12.500", "USD")).toBe(1250);
    expect(decimalToMinor("1250", "JPY")).toBe(1250);
    expect(decimalToMinor("1.234", "KWD")).toBe(1234);
  });

  it("refuses anything that is not a plain amount in the currency", () => {
    for (const text of ["", " ", ".", "abc", "-5", "+5", "1,000", "12.345", "1e3", "12.50 USD", "$12"]) {
      expect(decimalToMinor(text, "USD"), text).toBeNull();
    }
    expect(decimalToMinor("12.5", "JPY")).toBeNull();
  });

  it("refuses amounts beyond what a price filter accepts", () => {
    expect(decimalToMinor("1000000", "USD")).toBe(100_000_000);
    expect(decimalToMinor("1000000.01", "USD")).toBeNull();
    expect(decimalToMinor("999999999999", "USD")).toBeNull();
  });
});

describe("minorToDecimal", () => {
  it("writes minor units as a decimal string in the currency's digits", () => {
    expect(minorToDecimal(1250, "USD")).toBe("12.50");
    expect(minorToDecimal(5, "USD")).toBe("0.05");
    expect(minorToDecimal(0, "USD")).toBe("0.00");
    expect(minorToDecimal(1250, "JPY")).toBe("1250");
    expect(minorToDecimal(1234, "KWD")).toBe("1.234");
    expect(minorToDecimal(-1250, "USD")).toBe("-12.50");
  });

  it("round-trips with decimalToMinor", () => {
    for (const amount of [0, 1, 99, 100, 1999, 12_345_678]) {
      expect(decimalToMinor(minorToDecimal(amount, "USD"), "USD")).toBe(amount);
    }
  });
});

describe("percentOff", () => {
  const usd = (amount: number) => ({ amount, currency: "USD" });

  it("is the saving in whole percent, rounded down", () => {
    expect(percentOff(usd(4999), usd(6299))).toBe(20); // 20.6 %: never claim 21
    expect(percentOff(usd(7500), usd(10000))).toBe(25);
  });

  it("is null when there is nothing to save or the prices cannot be compared", () => {
    expect(percentOff(usd(1000), null)).toBeNull();
    expect(percentOff(usd(1000), usd(1000))).toBeNull();
    expect(percentOff(usd(1000), usd(900))).toBeNull();
    expect(percentOff(usd(9999), usd(10000))).toBeNull(); // under 1 %
    expect(percentOff(usd(1000), { amount: 2000, currency: "EUR" })).toBeNull();
  });
});
