// Price arithmetic for the storefront. Money is integer minor units (cents) everywhere; these
// helpers convert to and from what a shopper types and what JSON-LD wants, without floats.
import type { Money } from "@bazaar/validators";

const digitsByCurrency = new Map<string, number>();

/** How many decimals a currency has: 2 for USD and EUR, 0 for JPY, 3 for KWD. */
export function currencyDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** The largest amount a price filter accepts, in minor units (the API's own bound). */
export const MAX_PRICE_MINOR = 100_000_000;

/**
 * "12.50" → 1250 (USD). Accepts whole amounts and up to the currency's number of decimals
 * ("12", "12.5", ".99"); anything else (signs, letters, "1,000", "12.345" in USD) is null.
 */
export function decimalToMinor(text: string, currency: string): number | null {
  const match = /^(\d{0,12})(?:\.(\d*))?$/.exec(text.trim());
  if (!match) return null;
  const whole = match[1] ?? "";
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (whole === "" && fraction === "" && !/\d/.test(text)) return null;
  const digits = currencyDigits(currency);
  if (fraction.length > digits) return null;
  const amount = Number(whole || "0") * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  return Number.isSafeInteger(amount) && amount <= MAX_PRICE_MINOR ? amount : null;
}

/** 1250 (USD) → "12.50"; 1250 (JPY) → "1250". For form fields, URLs and JSON-LD. */
export function minorToDecimal(amount: number, currency: string): string {
  const digits = currencyDigits(currency);
  const sign = amount < 0 ? "-" : "";
  const text = String(Math.abs(Math.trunc(amount))).padStart(digits + 1, "0");
  if (digits === 0) return `${sign}${text}`;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * How much cheaper the price is than the "was" price, in whole percent, rounded down so the
 * shop never claims more than the real saving. Null when there is no saving worth saying.
 */
export function percentOff(price: Money, compareAt: Money | null): number | null {
  if (compareAt?.currency !== price.currency || compareAt.amount <= price.amount) return null;
  const percent = Math.floor(((compareAt.amount - price.amount) * 100) / compareAt.amount);
  return percent >= 1 ? percent : null;
}
