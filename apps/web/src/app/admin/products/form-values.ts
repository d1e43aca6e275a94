// How the product forms' text fields become the API's values, and back: prices typed as "24.00"
// are minor units, options typed as "size=M, colour=Navy" are a record. A value that cannot be
// read is a message for the field, in the API's words, so both kinds of problem look alike.
import { decimalToMinor, minorToDecimal } from "~/lib/price";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** "size=M, colour=Navy" → { size: "M", colour: "Navy" }; blank is no options. */
export function parseOptions(text: string): Parsed<Record<string, string>> {
  const options: Record<string, string> = {};
  for (const part of text.split(",")) {
    if (part.trim() === "") continue;
    const [name, ...rest] = part.split("=");
    const value = rest.join("=").trim();
    if (!name?.trim() || !value) return { ok: false, message: "must be name=value pairs, like size=M" };
    options[name.trim()] = value;
  }
  return { ok: true, value: options };
}

export function formatOptions(options: Record<string, string>): string {
  return Object.entries(options)
    .map(([name, value]) => `${name}=${value}`)
    .join(", ");
}

/** A price as typed ("24", "24.5", "24.00") in the currency's minor units. */
export function parsePrice(text: string, currency: string): Parsed<number> {
  const amount = decimalToMinor(text, currency);
  return amount === null
    ? { ok: false, message: text.trim() === "" ? "is required" : "must be an amount like 24.00" }
    : { ok: true, value: amount };
}

/** An optional "was" price: blank is none. */
export function parseOptionalPrice(text: string, currency: string): Parsed<number | null> {
  return text.trim() === "" ? { ok: true, value: null } : parsePrice(text, currency);
}

/** A whole number as typed; blank is `blank`, or refused when there is no such default. */
export function parseCount(text: string, blank?: number): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === "")
    return blank === undefined ? { ok: false, message: "is required" } : { ok: true, value: blank };
  return /^-?\d{1,9}$/.test(trimmed)
    ? { ok: true, value: Number(trimmed) }
    : { ok: false, message: "must be a whole number" };
}

export const priceText = (amount: number | null, currency: string) =>
  amount === null ? "" : minorToDecimal(amount, currency);

/**
 * The API names a bad option by its own key (`variants.0.options.Size`); the form has one field
 * for all of a variant's options, so the message goes there.
 */
export function foldOptionErrors(fieldErrors: Record<string, string[]>): Record<string, string[]> {
  const folded: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const at = key.replace(/(^|\.)options\..*$/, "$1options");
    (folded[at] ??= []).push(...messages);
  }
  return folded;
}
