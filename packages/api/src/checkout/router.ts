import { checkoutQuoteInput, placeOrderInput } from "@bazaar/validators";

import { fieldError } from "../errors.ts";
import { createTRPCRouter, publicProcedure } from "../trpc.ts";
import { currentCartId } from "../cart/caller.ts";
import type { Context } from "../context.ts";
import * as checkout from "./service.ts";

async function cartIdOf(ctx: Context): Promise<string> {
  const cartId = await currentCartId(ctx);
  if (!cartId) throw fieldError("BAD_REQUEST", "cart", "is empty");
  return cartId;
}

/** What the order summary shows; the whole order is read through `orders.get`. */
const summary = (order: Awaited<ReturnType<typeof checkout.checkout>>) => ({
  id: order.id,
  number: order.number,
  status: order.status,
  currency: order.currency.trim(),
  subtotalAmount: order.subtotalAmount,
  shippingAmount: order.shippingAmount,
  taxAmount: order.taxAmount,
  totalAmount: order.totalAmount,
  reservedUntil: order.reservedUntil,
});

export const checkoutRouter = createTRPCRouter({
  /** Shipping options, tax and total for the caller's cart to an address; every amount from the server. */
  quote: publicProcedure.input(checkoutQuoteInput).query(async ({ ctx, input }) => {
    const quote = await checkout.quoteCheckout(ctx.db, await cartIdOf(ctx), input);
    return {
      cart: quote.cart,
      currency: quote.currency,
      options: quote.options,
      shipping: quote.shipping,
      taxAmount: quote.tax.amount,
      subtotalAmount: quote.subtotalAmount,
      totalAmount: quote.totalAmount,
    };
  }),
  /**
   * Place the order for the caller's cart. Send a fresh `idempotencyKey` per attempt and the same
   * one on every retry of it: a retry returns the first order.
   */
  placeOrder: publicProcedure.input(placeOrderInput).mutation(async ({ ctx, input }) => {
    const order = await checkout.checkout(ctx.db, {
      cartId: await cartIdOf(ctx),
      userId: ctx.session?.user.id ?? null,
      email: ctx.session?.user.email ?? input.email,
      address: input.address,
      shippingRate: input.shippingRate,
      idempotencyKey: input.idempotencyKey,
    });
    return summary(order);
  }),
});
