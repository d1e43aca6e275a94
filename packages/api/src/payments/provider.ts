// What the shop needs from a payment provider. The built-in test provider implements it; a real
// one (its API client, its signature scheme, its event names mapped onto ours) replaces it by
// configuration (PAYMENTS_PROVIDER) without the checkout, the orders or the webhook route changing.
import type { PaymentEventInput } from "./events.ts";

export interface PaymentProvider {
  /** Stored with every payment and event, so each is read back by the provider that made it. */
  readonly name: string;
  /** Open a payment for an order's total; `redirectUrl` is where the shopper goes to pay. */
  createPayment(
    order: { id: string; totalAmount: number; currency: string },
    returnUrl: string,
  ): Promise<{ providerRef: string; redirectUrl: string }>;
  /**
   * Check a webhook delivery's signature over the raw body (throwing WebhookSignatureError) and
   * return the event it carries, in the shop's terms; `paymentEventSchema` checks its shape.
   */
  readWebhook(rawBody: string, headers: Headers, now: Date): unknown;
}

export type { PaymentEventInput };
