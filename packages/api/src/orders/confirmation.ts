// The order confirmation mail, sent by a job once an order is paid (the job is queued in the
// transaction that marks it paid). At least once from the queue; at most once in practice, as the
// order records that it went.
import type { Db } from "@bazaar/db";
import { orderConfirmationMessage, type Mailer } from "@bazaar/mail";
import { formatMoney, shippingAddressLines } from "@bazaar/validators";

import { orderPagePath } from "./access.ts";

export interface ConfirmationDeps {
  db: Db;
  mailer: Mailer;
  appUrl: string;
  /** Signs a guest's order link (see access.ts). */
  signingSecret: string;
}

export async function sendOrderConfirmation(
  deps: ConfirmationDeps,
  orderId: string,
): Promise<"sent" | "already sent" | "no such order"> {
  const order = await deps.db.order.findUnique({
    where: { id: orderId },
    include: { lines: { orderBy: { sku: "asc" } }, user: { select: { name: true } } },
  });
  if (!order) return "no such order";
  if (order.confirmationSentAt) return "already sent";
  const currency = order.currency.trim();
  const money = (amount: number) => formatMoney({ amount, currency });
  const message = orderConfirmationMessage({
    to: order.email,
    name: order.user?.name ?? order.shipName,
    orderNumber: order.number,
    lines: order.lines.map((line) => ({
      description: `${line.productName} (${line.variantName})`,
      quantity: line.quantity,
      amount: money(line.lineAmount),
    })),
    totals: [
      { label: "Subtotal", amount: money(order.subtotalAmount) },
      {
        label: `Shipping${order.shippingMethod ? ` (${order.shippingMethod})` : ""}`,
        amount: money(order.shippingAmount),
      },
      { label: "Tax", amount: money(order.taxAmount) },
      { label: "Total paid", amount: money(order.totalAmount) },
    ],
    shipTo: shippingAddressLines(order),
    url: new URL(orderPagePath(deps.signingSecret, order), deps.appUrl).toString(),
  });
  await deps.mailer.send(message);
  await deps.db.order.updateMany({
    where: { id: orderId, confirmationSentAt: null },
    data: { confirmationSentAt: new Date() },
  });
  return "sent";
}
