import { z } from "zod";

/** ISO 4217 code: three capital letters. */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 code");

/** Money is an integer number of minor units (cents) and its currency; never a float. */
export const moneySchema = z.object({
  amount: z.number().int("must be a whole number of minor units"),
  currency: currencySchema,
});
export type Money = z.infer<typeof moneySchema>;

const formatters = new Map<string, Intl.NumberFormat>();

/** "$12.50" from { amount: 1250, currency: "USD" }, using the currency's own number of decimals. */
export function formatMoney({ amount, currency }: Money, locale = "en-US"): string {
  const key = `${locale}:${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: "currency", currency });
    formatters.set(key, formatter);
  }
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(amount / 10 ** digits);
}
