import type { Db } from "@bazaar/db";
import { TRPCError } from "@trpc/server";

import { notFound } from "../errors.ts";
import type { PaymentProvider } from "./provider.ts";

/** Start paying for an unpaid order at the provider: a Payment row, and where to send the shopper. */
export async function startPayment(
  db: Db,
  provider: PaymentProvider,
  orderId: string,
  returnUrl: string,
): Promise<{ providerRef: string; pagePath: string }> {
  const order = await db.order.findUnique({
    where: { id: orderId },
    select: { id: true, status: true, totalAmount: true, currency: true },
  });
  if (!order) throw notFound("That order");
  if (order.status !== "PENDING_PAYMENT") {
    throw new TRPCError({ code: "CONFLICT", message: "That order is not awaiting payment." });
  }
  const currency = order.currency.trim();
  const created = await provider.createPayment({ ...order, currency }, returnUrl);
  await db.payment.create({
    data: {
      orderId,
      provider: provider.name,
      providerRef: created.providerRef,
      amount: order.totalAmount,
      currency,
      returnUrl,
    },
  });
  return { providerRef: created.providerRef, pagePath: created.redirectUrl };
}
