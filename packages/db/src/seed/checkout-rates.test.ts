import { describe, expect, it } from "vitest";

import { createTestDatabase } from "../testing/index.ts";
import { SEED_SHIPPING_RATES, SEED_TAX_RATES, seedCheckoutRates } from "./checkout-rates.ts";

describe("seedCheckoutRates", () => {
  it("fills empty rate tables once, and leaves rates staff have set alone", async () => {
    const { db } = await createTestDatabase();
    expect(await seedCheckoutRates(db)).toBe(SEED_SHIPPING_RATES.length + SEED_TAX_RATES.length);
    expect(await seedCheckoutRates(db)).toBe(0);
    await db.taxRate.deleteMany();
    await db.taxRate.create({ data: { country: "GB", rateBasisPoints: 500 } });
    expect(await seedCheckoutRates(db)).toBe(0);
    expect(await db.taxRate.count()).toBe(1);
  });

  it("offers every country one rate at least, and every rate passes the database's checks", async () => {
    const { db } = await createTestDatabase();
    await seedCheckoutRates(db);
    expect(await db.shippingRate.count({ where: { countries: { isEmpty: true } } })).toBeGreaterThan(0);
  });
});
