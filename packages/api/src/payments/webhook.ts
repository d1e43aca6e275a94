import type { Db } from "@bazaar/db";

import { paymentEventSchema } from "./event-schema.ts";
import { receivePaymentEvent } from "./events.ts";
import type { PaymentProvider } from "./provider.ts";
import { WebhookSignatureError } from "../webhooks/signature.ts";

/**
 * One delivery to /api/webhooks/payments: the provider checks the signature over the raw body
 * first (nothing is read or stored before it checks out), then the event is taken in once. 400
 * for anything not a valid, recent, signed event; 200 for a processed event and for a redelivery
 * alike, so the provider stops retrying.
 */
export async function handlePaymentWebhook(
  db: Db,
  provider: PaymentProvider,
  request: Request,
  now = new Date(),
): Promise<Response> {
  const raw = await request.text();
  let body: unknown;
  try {
    body = provider.readWebhook(raw, request.headers, now);
  } catch (error) {
    if (error instanceof WebhookSignatureError) {
      return Response.json({ error: `signature ${error.problem}` }, { status: 400 });
    }
    if (error instanceof SyntaxError)
      return Response.json({ error: "the body is not JSON" }, { status: 400 });
    throw error;
  }
  const event = paymentEventSchema.safeParse(body);
  if (!event.success) {
    const fields = event.error.issues.map((issue) => issue.path.join(".") || "body");
    return Response.json({ error: "not a payment event", fields }, { status: 400 });
  }
  const result = await receivePaymentEvent(db, provider.name, event.data);
  return Response.json(result, { status: 200 });
}
