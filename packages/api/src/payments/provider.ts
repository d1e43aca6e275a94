// What the shop needs from a payment provider. The built-in test provider implements it; a real
// one (its API client, its signature scheme, its event names mapped onto ours) replaces it by
// configuration (PAYMENTS_PROVIDER) without the checkout, the orders or the webhook route changing.
import type { PaymentEventInput } from "./event-schema.ts";

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
  /**
   * Give back part or all of a succeeded payment, at once (the money is on its way when this
   * returns). A provider that declines throws `RefundRefusedError` with its reason; anything
   * else thrown means the outcome is unknown, and the same request may be sent again.
   *
   * Sending the same `idempotencyKey` again returns the first refund rather than making another,
   * as real providers' idempotency keys do: the shop derives the key from the order's state, so a
   * retry after a failure on the shop's side cannot refund twice.
   */
  refund(request: RefundRequest): Promise<{ providerRef: string }>;
}

export interface RefundRequest {
  /** The provider's id of the payment to refund (Payment.providerRef). */
  paymentRef: string;
  /** Minor units, above 0 and at most what is left of the payment. */
  amount: number;
  /** ISO 4217, the payment's own. */
  currency: string;
  idempotencyKey: string;
  /** Why, for the provider's records (staff's words). */
  reason: string;
}

/** The provider declined a refund: nothing was refunded, and the message says why. */
export class RefundRefusedError extends Error {
  constructor(readonly reason: string) {
    super(`The payment provider refused the refund: ${reason}`);
    this.name = "RefundRefusedError";
  }
}

export type { PaymentEventInput };
