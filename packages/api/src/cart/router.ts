import { cartAddInput, cartSetQuantityInput } from "@bazaar/validators";

import type { Context } from "../context.ts";
import { createTRPCRouter, publicProcedure } from "../trpc.ts";
import { currentCartId } from "./caller.ts";
import * as cart from "./service.ts";

/** The caller's cart, made if they have none; a new guest cart is handed back as cookie and token. */
async function cartToWrite(ctx: Context): Promise<{ cartId: string; cartToken: string | null }> {
  if (ctx.session) return { cartId: await cart.cartIdForUser(ctx.db, ctx.session.user.id), cartToken: null };
  const existing = await currentCartId(ctx);
  if (existing) return { cartId: existing, cartToken: null };
  const cartId = await cart.createGuestCart(ctx.db);
  return { cartId, cartToken: ctx.guestCart.remember(cartId) };
}

const emptyCart: cart.CartView = { id: "", lines: [], itemCount: 0, subtotal: null, changes: [] };

export const cartRouter = createTRPCRouter({
  /** Recomputed from the catalog on every look; `changes` says what moved since the last one. */
  get: publicProcedure.query(async ({ ctx }) => {
    const cartId = await currentCartId(ctx);
    return cartId ? cart.viewCart(ctx.db, cartId) : emptyCart;
  }),
  /** `cartToken` is set when this made a guest cart: apps send it back as `X-Cart-Token`. */
  add: publicProcedure.input(cartAddInput).mutation(async ({ ctx, input }) => {
    const { cartId, cartToken } = await cartToWrite(ctx);
    return { cart: await cart.addToCart(ctx.db, cartId, input), cartToken };
  }),
  setQuantity: publicProcedure.input(cartSetQuantityInput).mutation(async ({ ctx, input }) => {
    const cartId = await currentCartId(ctx);
    if (!cartId) return { cart: emptyCart };
    return { cart: await cart.setCartQuantity(ctx.db, cartId, input) };
  }),
});
