// Carts against the real database: prices and stock always today's, changes said once, limits
// refused with the number that fits, and a guest cart joining the account's on sign-in.
import { createTestDatabase } from "@bazaar/db/testing";
import { TRPCError } from "@trpc/server";
import { beforeEach, describe, expect, it } from "vitest";

import { insertCatalog, T0 } from "../../test/catalog-fixtures.ts";
import {
  addToCart,
  cartIdForUser,
  createGuestCart,
  MAX_LINE_QUANTITY,
  mergeGuestCart,
  setCartQuantity,
  viewCart,
} from "./service.ts";

const { db } = await createTestDatabase();
await insertCatalog(db, [
  { id: "mug", categoryId: "cat_a", createdAt: T0, variants: [[1200, 50]] },
  { id: "rare", categoryId: "cat_a", createdAt: T0, variants: [[5000, 3]] },
  { id: "gone", categoryId: "cat_a", createdAt: T0, variants: [[800, 0]] },
]);

const setVariant = (id: string, data: { stockOnHand?: number; priceAmount?: number }) =>
  db.productVariant.update({ where: { id }, data });

async function refused(
  work: Promise<unknown>,
): Promise<TRPCError & { fieldErrors?: Record<string, string[]> }> {
  try {
    await work;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

let cart: string;
beforeEach(async () => {
  await setVariant("mug_v0", { stockOnHand: 50, priceAmount: 1200 });
  await setVariant("rare_v0", { stockOnHand: 3, priceAmount: 5000 });
  cart = await createGuestCart(db);
});

describe("a cart", () => {
  it("adds, adds more, sets and removes, with today's prices and a subtotal", async () => {
    await addToCart(db, cart, { variantId: "mug_v0", quantity: 1 });
    let view = await addToCart(db, cart, { variantId: "mug_v0", quantity: 2 });
    view = await addToCart(db, cart, { variantId: "rare_v0", quantity: 1 });
    expect(view.lines.map((l) => [l.sku, l.quantity, l.lineAmount])).toEqual([
      ["MUG-0", 3, 3600],
      ["RARE-0", 1, 5000],
    ]);
    expect(view).toMatchObject({ itemCount: 4, subtotal: { amount: 8600, currency: "USD" }, changes: [] });
    view = await setCartQuantity(db, cart, { variantId: "mug_v0", quantity: 1 });
    expect(view.subtotal?.amount).toBe(6200);
    view = await setCartQuantity(db, cart, { variantId: "mug_v0", quantity: 0 });
    expect(view.lines.map((l) => l.sku)).toEqual(["RARE-0"]);
  });

  it("refuses more than the stock, saying how many more fit, and changes nothing", async () => {
    await addToCart(db, cart, { variantId: "rare_v0", quantity: 2 });
    const error = await refused(addToCart(db, cart, { variantId: "rare_v0", quantity: 2 }));
    expect(error.code).toBe("CONFLICT");
    expect(error.fieldErrors).toEqual({
      quantity: ["only 3 left, and 2 already in your cart: you can add 1 more"],
    });
    expect((await viewCart(db, cart)).lines[0]?.quantity).toBe(2);
  });

  it("refuses more than the per-line limit, and a sold-out item", async () => {
    const tooMany = await refused(
      addToCart(db, cart, { variantId: "mug_v0", quantity: MAX_LINE_QUANTITY + 1 }),
    );
    expect(tooMany.fieldErrors).toEqual({ quantity: [`at most ${MAX_LINE_QUANTITY} of one item per order`] });
    const soldOut = await refused(addToCart(db, cart, { variantId: "gone_v0", quantity: 1 }));
    expect([soldOut.code, soldOut.message]).toEqual(["CONFLICT", "That item is sold out."]);
    expect((await viewCart(db, cart)).lines).toEqual([]);
  });

  it("refuses an unknown item and a quantity for an item not in the cart, on the field", async () => {
    expect(
      (await refused(addToCart(db, cart, { variantId: "nope", quantity: 1 }))).fieldErrors,
    ).toHaveProperty("variantId");
    expect(
      (await refused(setCartQuantity(db, cart, { variantId: "mug_v0", quantity: 2 }))).fieldErrors,
    ).toEqual({ variantId: ["is not in your cart"] });
  });

  it("says once when a price changed, and follows the new price", async () => {
    await addToCart(db, cart, { variantId: "mug_v0", quantity: 2 });
    await setVariant("mug_v0", { priceAmount: 1500 });
    const view = await viewCart(db, cart);
    expect(view.changes).toEqual(["The price of Product mug (Variant 0) changed from $12.00 to $15.00."]);
    expect(view.subtotal?.amount).toBe(3000);
    expect((await viewCart(db, cart)).changes).toEqual([]);
  });

  it("cuts a line down to the stock left, and takes out what sold out, saying so once", async () => {
    await addToCart(db, cart, { variantId: "rare_v0", quantity: 3 });
    await addToCart(db, cart, { variantId: "mug_v0", quantity: 1 });
    await setVariant("rare_v0", { stockOnHand: 1 });
    await setVariant("mug_v0", { stockOnHand: 0 });
    const view = await viewCart(db, cart);
    expect(view.changes).toEqual([
      "Only 1 of Product rare (Variant 0) is left, so your cart now has 1.",
      "Product mug (Variant 0) sold out and was taken out of your cart.",
    ]);
    expect(view.lines.map((l) => [l.sku, l.quantity, l.maxQuantity])).toEqual([["RARE-0", 1, 1]]);
    expect((await viewCart(db, cart)).changes).toEqual([]);
  });
});

describe("signing in with a guest cart", () => {
  async function user(email: string) {
    return db.user.create({ data: { email } });
  }

  it("the guest cart joins the account's: quantities add up, within the limit, and the guest cart is gone", async () => {
    const shopper = await user("merge@example.test");
    const own = await cartIdForUser(db, shopper.id);
    await addToCart(db, own, { variantId: "mug_v0", quantity: 15 });
    await addToCart(db, own, { variantId: "rare_v0", quantity: 1 });
    await addToCart(db, cart, { variantId: "mug_v0", quantity: 10 });

    expect(await mergeGuestCart(db, cart, shopper.id)).toBe(own);
    const view = await viewCart(db, own);
    expect(view.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ["MUG-0", MAX_LINE_QUANTITY],
      ["RARE-0", 1],
    ]);
    expect(await db.cart.findUnique({ where: { id: cart } })).toBeNull();
  });

  it("a first sign-in makes the account's cart from the guest's", async () => {
    const shopper = await user("first@example.test");
    await addToCart(db, cart, { variantId: "rare_v0", quantity: 2 });
    const own = await mergeGuestCart(db, cart, shopper.id);
    expect((await viewCart(db, own)).lines.map((l) => l.quantity)).toEqual([2]);
  });

  it("never takes another account's cart, whatever id is presented", async () => {
    const victim = await user("victim@example.test");
    const victimCart = await cartIdForUser(db, victim.id);
    await addToCart(db, victimCart, { variantId: "mug_v0", quantity: 4 });
    const thief = await user("thief@example.test");

    const thiefCart = await mergeGuestCart(db, victimCart, thief.id);
    expect(thiefCart).not.toBe(victimCart);
    expect((await viewCart(db, thiefCart)).lines).toEqual([]);
    expect((await viewCart(db, victimCart)).lines.map((l) => l.quantity)).toEqual([4]);
  });

  it("an account's cart is one per account", async () => {
    const shopper = await user("one@example.test");
    expect(await cartIdForUser(db, shopper.id)).toBe(await cartIdForUser(db, shopper.id));
  });
});

describe("what the database itself refuses", () => {
  it("a line of 0 or above the limit", async () => {
    await addToCart(db, cart, { variantId: "mug_v0", quantity: 1 });
    for (const quantity of [0, MAX_LINE_QUANTITY + 1]) {
      await expect(
        db.cartItem.update({
          where: { cartId_variantId: { cartId: cart, variantId: "mug_v0" } },
          data: { quantity },
        }),
      ).rejects.toThrow(/CartItem_quantity_range/);
    }
  });
});
