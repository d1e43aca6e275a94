// Checkout against the real database: shipping by country, tax by country and region (rounded in
// integers), a cart that changed is shown before it is paid for, and a retry places nothing new.
import { randomUUID } from "node:crypto";

import { createTestDatabase } from "@bazaar/db/testing";
import { addressSchema, type Address } from "@bazaar/validators";
import { TRPCError } from "@trpc/server";
import { beforeEach, describe, expect, it } from "vitest";

import { insertCatalog, T0 } from "../../test/catalog-fixtures.ts";
import { addToCart, createGuestCart } from "../cart/service.ts";
import { StockConflictError } from "../errors.ts";
import { percentOf } from "../orders/service.ts";
import { checkout, quoteCheckout, shippingOptions, taxRuleFor } from "./service.ts";

const { db } = await createTestDatabase();
await insertCatalog(db, [
  {
    id: "kettle",
    categoryId: "cat_a",
    createdAt: T0,
    variants: [
      [3999, 100],
      [2500, 100],
    ],
  },
]);
await db.shippingRate.createMany({
  data: [
    {
      code: "standard",
      name: "Standard",
      amount: 500,
      currency: "USD",
      countries: ["US"],
      minDays: 3,
      maxDays: 5,
      position: 1,
    },
    {
      code: "express",
      name: "Express",
      amount: 1500,
      currency: "USD",
      countries: ["US"],
      minDays: 1,
      maxDays: 2,
      position: 2,
    },
    {
      code: "international",
      name: "International",
      amount: 2500,
      currency: "USD",
      countries: [],
      minDays: 7,
      maxDays: 14,
      position: 3,
    },
    {
      code: "old",
      name: "Retired",
      amount: 100,
      currency: "USD",
      countries: ["US"],
      minDays: 1,
      maxDays: 1,
      active: false,
    },
    {
      code: "eu",
      name: "Euro rate",
      amount: 700,
      currency: "EUR",
      countries: ["DE"],
      minDays: 2,
      maxDays: 4,
    },
  ].map((rate) => ({ ...rate, id: undefined }) as never),
});
await db.taxRate.createMany({
  data: [
    { country: "US", region: "CA", rateBasisPoints: 725 },
    { country: "US", rateBasisPoints: 0 },
    { country: "GB", rateBasisPoints: 2000, appliesToShipping: true },
  ],
});

const addressIn = (country: string, region?: string, postalCode = "94107"): Address =>
  addressSchema.parse({
    name: "Sam Shopper",
    line1: "1 Market St",
    city: "Somewhere",
    region,
    postalCode,
    country,
  });
const CA = addressIn("US", "CA");
const GB = addressIn("GB", undefined, "SW1A 1AA");

let cart: string;
beforeEach(async () => {
  await db.productVariant.updateMany({ where: { productId: "kettle" }, data: { stockOnHand: 100 } });
  await db.productVariant.update({ where: { id: "kettle_v0" }, data: { priceAmount: 3999 } });
  cart = await createGuestCart(db);
  await addToCart(db, cart, { variantId: "kettle_v0", quantity: 2 });
  await addToCart(db, cart, { variantId: "kettle_v1", quantity: 1 });
});

async function refusal(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    if (error instanceof TRPCError) return error as TRPCError & { fieldErrors?: Record<string, string[]> };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("rates", () => {
  it("offers a country its own rates, and the everywhere-else rate only where it has none", async () => {
    expect((await shippingOptions(db, "US", "USD")).map((o) => `${o.code}:${o.amount}`)).toEqual([
      "standard:500",
      "express:1500",
    ]);
    expect((await shippingOptions(db, "FR", "USD")).map((o) => `${o.code}:${o.amount}`)).toEqual([
      "international:2500",
    ]);
    expect((await shippingOptions(db, "DE", "EUR")).map((o) => o.code)).toEqual(["eu"]);
  });

  it("takes the region's tax rate over the country's, and none where none is set", async () => {
    expect(await taxRuleFor(db, { country: "US", region: "CA" })).toEqual({
      rateBasisPoints: 725,
      appliesToShipping: false,
    });
    expect(await taxRuleFor(db, { country: "US", region: "OR" })).toEqual({
      rateBasisPoints: 0,
      appliesToShipping: false,
    });
    expect(await taxRuleFor(db, { country: "FR", region: undefined })).toEqual({
      rateBasisPoints: 0,
      appliesToShipping: false,
    });
  });

  it("rounds half up in whole minor units", () => {
    expect(percentOf(10_498, 725)).toBe(761); // 761.105
    expect(percentOf(200, 725)).toBe(15); // 14.5 -> 15
    expect(percentOf(199, 725)).toBe(14); // 14.4275
    expect(percentOf(0, 2000)).toBe(0);
  });
});

describe("a quote", () => {
  it("in California: goods taxed at 7.25 %, shipping not", async () => {
    const quote = await quoteCheckout(db, cart, { address: CA });
    expect(quote).toMatchObject({
      currency: "USD",
      subtotalAmount: 10_498,
      shipping: { code: "standard", amount: 500 },
    });
    expect(quote.tax).toEqual({ rateBasisPoints: 725, appliesToShipping: false, amount: 761 });
    expect(quote.totalAmount).toBe(10_498 + 500 + 761);
  });

  it("in Britain: international shipping, and VAT on the shipping too", async () => {
    const quote = await quoteCheckout(db, cart, { address: GB });
    expect(quote.shipping).toMatchObject({ name: "International", amount: 2500 });
    expect(quote.tax.amount).toBe(percentOf(10_498 + 2500, 2000));
    expect(quote.totalAmount).toBe(10_498 + 2500 + 2600);
  });

  it("with the shipping method chosen", async () => {
    expect((await quoteCheckout(db, cart, { address: CA, shippingRate: "express" })).shipping.amount).toBe(
      1500,
    );
  });

  it.each([
    ["a method not offered there", { address: GB, shippingRate: "express" }, "shippingRate"],
    ["a retired method", { address: CA, shippingRate: "old" }, "shippingRate"],
  ])("refuses %s as a 400 on the field", async (_, input, field) => {
    const error = await refusal(quoteCheckout(db, cart, input));
    expect(error.code).toBe("BAD_REQUEST");
    expect(Object.keys(error.fieldErrors ?? {})).toEqual([field]);
  });

  it("refuses an empty cart", async () => {
    const empty = await createGuestCart(db);
    expect((await refusal(quoteCheckout(db, empty, { address: CA }))).fieldErrors).toEqual({
      cart: ["is empty"],
    });
  });
});

describe("placing the order", () => {
  const input = (overrides: Partial<Parameters<typeof checkout>[1]> = {}) => ({
    cartId: cart,
    userId: null,
    email: "sam@example.test",
    address: CA,
    shippingRate: "standard",
    idempotencyKey: randomUUID(),
    ...overrides,
  });

  it("writes the order with the address and every amount, takes the stock, empties the cart", async () => {
    const order = await checkout(db, input());
    expect(order).toMatchObject({
      status: "PENDING_PAYMENT",
      subtotalAmount: 10_498,
      shippingAmount: 500,
      taxAmount: 761,
      totalAmount: 11_759,
      shipCountry: "US",
      shipRegion: "CA",
      shipPostalCode: "94107",
      shippingMethod: "standard",
      email: "sam@example.test",
    });
    expect(await db.cartItem.count({ where: { cartId: cart } })).toBe(0);
    expect((await db.productVariant.findUniqueOrThrow({ where: { id: "kettle_v0" } })).stockOnHand).toBe(98);
  });

  it("a retry with the same key returns that order, though the cart is empty now", async () => {
    const request = input();
    const first = await checkout(db, request);
    expect((await checkout(db, request)).id).toBe(first.id);
    expect(await db.order.count({ where: { idempotencyKey: request.idempotencyKey } })).toBe(1);
  });

  it("the same key with another address is a 422, placing nothing", async () => {
    const request = input();
    await checkout(db, request);
    const error = await refusal(checkout(db, { ...request, address: GB }));
    expect(error.code).toBe("UNPROCESSABLE_CONTENT");
  });

  describe("items that sold out or ran short since the cart was viewed", () => {
    const stockOf = async (variantId: string) =>
      (await db.productVariant.findUniqueOrThrow({ where: { id: variantId } })).stockOnHand;
    const setStock = (variantId: string, stockOnHand: number) =>
      db.productVariant.update({ where: { id: variantId }, data: { stockOnHand } });
    const linesOf = async (cartId: string) =>
      (await db.cartItem.findMany({ where: { cartId }, orderBy: { variantId: "asc" } })).map(
        ({ variantId, quantity }) => `${variantId}×${quantity}`,
      );

    it("the only item sold out: a 409 naming it, not an empty cart; nothing placed", async () => {
      const only = await createGuestCart(db);
      await addToCart(db, only, { variantId: "kettle_v0", quantity: 2 });
      await setStock("kettle_v0", 0);
      const orders = await db.order.count();

      const error = await refusal(checkout(db, input({ cartId: only })));
      expect(error).toBeInstanceOf(StockConflictError);
      expect(error.code).toBe("CONFLICT");
      expect((error as StockConflictError).stockConflicts).toEqual([
        {
          variantId: "kettle_v0",
          productName: "Product kettle",
          variantName: "Variant 0",
          requested: 2,
          available: 0,
        },
      ]);
      expect(error.message).toMatch(/Product kettle \(Variant 0\) sold out/);
      expect(await db.order.count()).toBe(orders);
      expect(await stockOf("kettle_v0")).toBe(0);
      // The cart keeps the change it reported; asked again, it is empty now, and says so.
      expect(await linesOf(only)).toEqual([]);
      expect((await refusal(checkout(db, input({ cartId: only })))).fieldErrors).toEqual({
        cart: ["is empty"],
      });
    });

    it("an item ran short: a 409 with how many are left; nothing placed, the cart cut down", async () => {
      await addToCart(db, cart, { variantId: "kettle_v1", quantity: 2 });
      await setStock("kettle_v1", 2);
      const orders = await db.order.count();

      const error = await refusal(checkout(db, input()));
      expect(error.code).toBe("CONFLICT");
      expect((error as StockConflictError).stockConflicts).toEqual([
        {
          variantId: "kettle_v1",
          productName: "Product kettle",
          variantName: "Variant 1",
          requested: 3,
          available: 2,
        },
      ]);
      expect(await db.order.count()).toBe(orders);
      expect([await stockOf("kettle_v0"), await stockOf("kettle_v1")]).toEqual([100, 2]);
      expect(await linesOf(cart)).toEqual(["kettle_v0×2", "kettle_v1×2"]);
    });

    it("the quote of a cart whose only item sold out is the same 409", async () => {
      const only = await createGuestCart(db);
      await addToCart(db, only, { variantId: "kettle_v1", quantity: 1 });
      await setStock("kettle_v1", 0);
      const error = await refusal(quoteCheckout(db, only, { address: CA }));
      expect(error.code).toBe("CONFLICT");
      expect((error as StockConflictError).stockConflicts).toEqual([
        expect.objectContaining({ variantId: "kettle_v1", requested: 1, available: 0 }),
      ]);
    });

    it("a cart whose only item left the shop is told so (409), not called empty", async () => {
      const only = await createGuestCart(db);
      await addToCart(db, only, { variantId: "kettle_v0", quantity: 1 });
      await db.product.update({ where: { id: "kettle" }, data: { status: "ARCHIVED" } });
      try {
        const error = await refusal(checkout(db, input({ cartId: only })));
        expect(error.code).toBe("CONFLICT");
        expect(error).not.toBeInstanceOf(StockConflictError);
        expect(error.message).toMatch(/Product kettle \(Variant 0\) is no longer sold/);
      } finally {
        await db.product.update({ where: { id: "kettle" }, data: { status: "PUBLISHED" } });
      }
    });
  });

  it("a cart that was really empty is a 400 on the cart", async () => {
    const empty = await createGuestCart(db);
    const error = await refusal(checkout(db, input({ cartId: empty })));
    expect([error.code, error.fieldErrors]).toEqual(["BAD_REQUEST", { cart: ["is empty"] }]);
  });

  it("a cart whose price changed is shown again before anything is placed", async () => {
    await db.productVariant.update({ where: { id: "kettle_v0" }, data: { priceAmount: 4499 } });
    const orders = await db.order.count();
    const error = await refusal(checkout(db, input()));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/changed from \$39\.99 to \$44\.99/);
    expect(await db.order.count()).toBe(orders);
    // Having seen it, the shopper can go on, at the new price.
    expect((await checkout(db, input())).subtotalAmount).toBe(2 * 4499 + 2500);
  });
});
