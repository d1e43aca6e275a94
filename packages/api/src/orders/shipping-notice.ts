// The shipping notice: mailed by a job queued in the transaction that marks an order shipped,
// with the tracking number and the order's page. Like the confirmation (confirmation.ts), the
// queue delivers at least once and the order records that it went, so a retried job sends nothing.
import { shippingNoticeMessage } from "@bazaar/mail";

import { orderPagePath } from "./access.ts";
import type { ConfirmationDeps } from "./confirmation.ts";

export async function sendShippingNotice(
  deps: ConfirmationDeps,
  orderId: string,
): Promise<"sent" | "already sent" | "not shipped" | "no such order"> {
  const order = await deps.db.order.findUnique({
    where: { id: orderId },
    include: { user: { select: { name: true } } },
  });
  if (!order) return "no such order";
  if (order.shippedMailSentAt) return "already sent";
  if (!order.fulfilledAt || !order.trackingNumber) return "not shipped";
  await deps.mailer.send(
    shippingNoticeMessage({
      to: order.email,
      name: order.user?.name ?? order.shipName,
      orderNumber: order.number,
      carrier: order.carrier,
      trackingNumber: order.trackingNumber,
      url: new URL(orderPagePath(deps.signingSecret, order), deps.appUrl).toString(),
    }),
  );
  await deps.db.order.updateMany({
    where: { id: orderId, shippedMailSentAt: null },
    data: { shippedMailSentAt: new Date() },
  });
  return "sent";
}
