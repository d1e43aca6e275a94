import {
  cancelOrderInput,
  fulfilOrderInput,
  getAdminOrderInput,
  listAdminOrdersInput,
  refundOrderInput,
} from "@bazaar/validators";

import { createTRPCRouter, staffProcedure } from "../../trpc.ts";
import * as orders from "./service.ts";

export const adminOrdersRouter = createTRPCRouter({
  /** Orders newest first, by status, dates placed, and number or part of the email. */
  list: staffProcedure
    .input(listAdminOrdersInput)
    .query(({ ctx, input }) => orders.listOrders(ctx.db, input)),
  /** One order with its lines, payments, refunds and history. */
  get: staffProcedure.input(getAdminOrderInput).query(({ ctx, input }) => orders.getOrder(ctx.db, input.id)),
  /** Mark a paid order shipped with its tracking number; the shopper is told (page and mail). */
  fulfil: staffProcedure
    .input(fulfilOrderInput)
    .mutation(({ ctx, input }) =>
      orders.fulfilOrder(ctx.db, ctx.session.user.id, input, { ip: ctx.ip, userAgent: ctx.userAgent }),
    ),
  /** Cancel an order that has not shipped: stock back, and a paid one refunded. */
  cancel: staffProcedure.input(cancelOrderInput).mutation(({ ctx, input }) =>
    orders.cancelOrder(ctx.db, ctx.paymentProvider, ctx.session.user.id, input, {
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    }),
  ),
  /** Refund part or all of a paid order through the payment provider. */
  refund: staffProcedure.input(refundOrderInput).mutation(({ ctx, input }) =>
    orders.refundOrder(ctx.db, ctx.paymentProvider, ctx.session.user.id, input, {
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    }),
  ),
});
