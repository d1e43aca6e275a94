import { orderIdInput } from "@bazaar/validators";

import { notFound } from "../errors.ts";
import { createTRPCRouter, protectedProcedure } from "../trpc.ts";

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
  createdAt: true,
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
  /** One order: its owner's, or any for staff. Someone else's is "not found", never "forbidden". */
  get: protectedProcedure.input(orderIdInput).query(async ({ ctx, input }) => {
    const staff = ctx.session.user.role !== "CUSTOMER";
    const order = await ctx.db.order.findFirst({
      where: { id: input.orderId, ...(staff ? {} : { userId: ctx.session.user.id }) },
      select: orderView,
    });
    if (!order) throw notFound("That order");
    return order;
  }),
});
