import { orderLookupInput } from "@bazaar/validators";

import { notFound } from "../errors.ts";
import { orderAccess, orderPagePath } from "../orders/access.ts";
import { createTRPCRouter, publicProcedure } from "../trpc.ts";
import { startPayment } from "./service.ts";

export const paymentsRouter = createTRPCRouter({
  /**
   * Start paying for one of the caller's unpaid orders: the payment page to send them to. The
   * provider sends them back to the order's page, which follows the payment live.
   */
  start: publicProcedure.input(orderLookupInput).mutation(async ({ ctx, input }) => {
    // Someone else's order is "not found", never "forbidden": ids are not confirmed to strangers.
    if ((await orderAccess(ctx, input.orderId, input.access)) !== "placer") throw notFound("That order");
    const order = await ctx.db.order.findUniqueOrThrow({
      where: { id: input.orderId },
      select: { id: true, userId: true },
    });
    const returnUrl = new URL(orderPagePath(ctx.signingSecret, order), ctx.appUrl);
    returnUrl.searchParams.set("returned", "1");
    return startPayment(ctx.db, ctx.paymentProvider, input.orderId, returnUrl.toString());
  }),
});
