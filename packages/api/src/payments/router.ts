import { orderIdInput } from "@bazaar/validators";

import type { Context } from "../context.ts";
import { notFound } from "../errors.ts";
import { createTRPCRouter, publicProcedure } from "../trpc.ts";
import { startTestPayment } from "./test-provider.ts";

/** Whether the caller placed this order: their account's, or their guest cart's. */
async function placedByCaller(ctx: Context, orderId: string): Promise<boolean> {
  const order = await ctx.db.order.findUnique({
    where: { id: orderId },
    select: { userId: true, idempotencyScope: true },
  });
  if (!order) return false;
  if (ctx.session) return order.userId === ctx.session.user.id;
  return (
    ctx.guestCart.id !== null &&
    order.userId === null &&
    order.idempotencyScope === `cart:${ctx.guestCart.id}`
  );
}

export const paymentsRouter = createTRPCRouter({
  /** Start paying for one of the caller's unpaid orders: the payment page to send them to. */
  start: publicProcedure.input(orderIdInput).mutation(async ({ ctx, input }) => {
    // Someone else's order is "not found", never "forbidden": ids are not confirmed to strangers.
    if (!(await placedByCaller(ctx, input.orderId))) throw notFound("That order");
    return startTestPayment(ctx.db, input.orderId);
  }),
});
