import { orderLookupInput } from "@bazaar/validators";

import { notFound } from "../errors.ts";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc.ts";
import { orderAccess } from "./access.ts";
import { orderProgressView, watchOrder } from "./watch.ts";

const orderView = {
  id: true,
  number: true,
  status: true,
  email: true,
  currency: true,
  subtotalAmount: true,
  shippingAmount: true,
  taxAmount: true,
  totalAmount: true,
  shipName: true,
  shipLine1: true,
  shipLine2: true,
  shipCity: true,
  shipRegion: true,
  shipPostalCode: true,
  shipCountry: true,
  shippingMethod: true,
  reservedUntil: true,
  paidAt: true,
  fulfilledAt: true,
  cancelledAt: true,
  carrier: orderProgressView.carrier,
  trackingNumber: orderProgressView.trackingNumber,
  refundedAmount: orderProgressView.refundedAmount,
  createdAt: true,
  payments: orderProgressView.payments,
  lines: {
    select: {
      productName: true,
      variantName: true,
      sku: true,
      unitAmount: true,
      quantity: true,
      lineAmount: true,
    },
  },
} as const;

export const ordersRouter = createTRPCRouter({
  /** The caller's own orders, newest first. */
  mine: protectedProcedure.query(({ ctx }) =>
    ctx.db.order.findMany({
      where: { userId: ctx.session.user.id },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: orderView,
    }),
  ),
  /**
   * One order, for whoever placed it (account, guest cart, or the signed `access` from its link)
   * and for staff. Anyone else gets "not found", never "forbidden".
   */
  get: publicProcedure.input(orderLookupInput).query(async ({ ctx, input }) => {
    const access = await orderAccess(ctx, input.orderId, input.access);
    if (!access) throw notFound("That order");
    const order = await ctx.db.order.findUniqueOrThrow({ where: { id: input.orderId }, select: orderView });
    return { ...order, currency: order.currency.trim(), viewer: access };
  }),
  /**
   * The order's progress (status, latest payment, tracking, refunds) now and on every change, over
   * server-sent events: the order page turns "paid" when the payment lands, "shipped" with the
   * tracking number when staff ship it, and shows what was refunded.
   */
  progress: publicProcedure.input(orderLookupInput).subscription(async function* ({ ctx, input, signal }) {
    if (!(await orderAccess(ctx, input.orderId, input.access))) throw notFound("That order");
    yield* watchOrder(ctx.db, ctx.orderFeed, input.orderId, signal);
  }),
});
