// The shop's starting shipping and tax rates, so a fresh clone can check out. Staff change them
// later (the admin console); this only fills empty tables.
import type { DbOrTx } from "../client.ts";

export const SEED_SHIPPING_RATES = [
  { code: "standard", name: "Standard", amount: 500, countries: ["US"], minDays: 3, maxDays: 5, position: 1 },
  { code: "express", name: "Express", amount: 1500, countries: ["US"], minDays: 1, maxDays: 2, position: 2 },
  {
    code: "canada",
    name: "Canada Post",
    amount: 1200,
    countries: ["CA"],
    minDays: 5,
    maxDays: 8,
    position: 3,
  },
  {
    code: "international",
    name: "International",
    amount: 2500,
    countries: [],
    minDays: 7,
    maxDays: 14,
    position: 4,
  },
].map((rate) => ({ ...rate, currency: "USD" }));

/** Basis points (725 = 7.25 %); VAT and GST apply to shipping too, US sales tax here does not. */
export const SEED_TAX_RATES = [
  { country: "US", region: "CA", rateBasisPoints: 725, appliesToShipping: false },
  { country: "US", region: "NY", rateBasisPoints: 400, appliesToShipping: false },
  { country: "US", region: "TX", rateBasisPoints: 625, appliesToShipping: false },
  { country: "CA", region: "", rateBasisPoints: 500, appliesToShipping: true },
  { country: "GB", region: "", rateBasisPoints: 2000, appliesToShipping: true },
  { country: "DE", region: "", rateBasisPoints: 1900, appliesToShipping: true },
  { country: "FR", region: "", rateBasisPoints: 2000, appliesToShipping: true },
  { country: "NL", region: "", rateBasisPoints: 2100, appliesToShipping: true },
  { country: "AU", region: "", rateBasisPoints: 1000, appliesToShipping: true },
];

/** Fill the rate tables when they are empty; returns how many rows it wrote. */
export async function seedCheckoutRates(db: DbOrTx): Promise<number> {
  const [shipping, tax] = await Promise.all([db.shippingRate.count(), db.taxRate.count()]);
  let written = 0;
  if (shipping === 0) written += (await db.shippingRate.createMany({ data: SEED_SHIPPING_RATES })).count;
  if (tax === 0) written += (await db.taxRate.createMany({ data: SEED_TAX_RATES })).count;
  return written;
}
