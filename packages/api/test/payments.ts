// Pay an order on the test provider as a shopper does (start a payment, send a card), and take in
// the provider's event as the webhook would (its delivery over HTTP is jobs.test.ts's subject).
import type { Db } from "@bazaar/db";

import { paymentEventSchema } from "../src/payments/event-schema.ts";
import { receivePaymentEvent } from "../src/payments/events.ts";
import type { PaymentProvider } from "../src/payments/provider.ts";
import { startPayment } from "../src/payments/service.ts";
import { submitTestCard } from "../src/payments/test-provider.ts";

export async function payWithTestCard(
  db: Db,
  provider: PaymentProvider,
  orderId: string,
  options: { signingSecret: string; appUrl: string; card?: string },
): Promise<string> {
  const { providerRef } = await startPayment(db, provider, orderId, `${options.appUrl}/orders/${orderId}`);
  await submitTestCard(db, {
    providerRef,
    cardNumber: options.card ?? "4242 4242 4242 4242",
    secret: options.signingSecret,
    deliveryDelayMs: 0,
  });
  const [job] = await db.$queryRaw<{ id: string; payload: { event: unknown } }[]>`
    SELECT j.id::text, j.payload FROM graphile_worker._private_jobs j
    JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE t.identifier = 'deliver-test-payment-event' AND j.payload->'event'->'data'->>'paymentRef' = ${providerRef}`;
  if (!job) throw new Error("no delivery queued");
  await receivePaymentEvent(db, "test", paymentEventSchema.parse(job.payload.event));
  await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE id = ${BigInt(job.id)}`;
  return providerRef;
}
