// The built-in test payment provider (the default with nothing configured): like a real
// provider's test mode, documented card numbers decide what happens, and the result arrives as a
// signed webhook event. A real provider replaces it behind the same steps: start a payment, send
// the shopper to its page, receive its events.
import { createHmac, randomBytes } from "node:crypto";

import { signingSecret } from "@bazaar/auth";

import type { Db } from "@bazaar/db";
import { TRPCError } from "@trpc/server";

import { fieldError, notFound } from "../errors.ts";
import type { PaymentEventInput } from "./events.ts";

export const TEST_PROVIDER = "test";

/** The card numbers the test provider knows, and what each does. */
export const TEST_CARDS = {
  "4242424242424242": "succeeded",
  "4000000000000002": "failed",
  "4000002500003155": "requires_action",
} as const;
export type TestCardOutcome = (typeof TEST_CARDS)[keyof typeof TEST_CARDS];

export function testCardOutcome(cardNumber: string): TestCardOutcome {
  const digits = cardNumber.replace(/[\s-]/g, "");
  const outcome = (TEST_CARDS as Record<string, TestCardOutcome | undefined>)[digits];
  if (!outcome) throw fieldError("BAD_REQUEST", "cardNumber", "is not one of the test cards");
  return outcome;
}

/** Start paying for an unpaid order: a payment at the test provider, and its hosted page. */
export async function startTestPayment(db: Db, orderId: string) {
  const order = await db.order.findUnique({
    where: { id: orderId },
    select: { status: true, totalAmount: true, currency: true },
  });
  if (!order) throw notFound("That order");
  if (order.status !== "PENDING_PAYMENT") {
    throw new TRPCError({ code: "CONFLICT", message: "That order is not awaiting payment." });
  }
  const payment = await db.payment.create({
    data: {
      orderId,
      provider: TEST_PROVIDER,
      providerRef: `tp_${randomBytes(16).toString("hex")}`,
      amount: order.totalAmount,
      currency: order.currency.trim(),
    },
  });
  return { providerRef: payment.providerRef, pagePath: `/pay/${payment.providerRef}` };
}

/** The event the test provider sends for a card's outcome (a success after a confirmed second step). */
export function testPaymentEvent(
  payment: { providerRef: string; amount: number; currency: string },
  outcome: TestCardOutcome,
): PaymentEventInput {
  return {
    id: `evt_${randomBytes(16).toString("hex")}`,
    type: `payment.${outcome}`,
    data: { paymentRef: payment.providerRef, amount: payment.amount, currency: payment.currency.trim() },
  };
}

/**
 * The secret webhook deliveries are signed with: PAYMENTS_WEBHOOK_SECRET, else one derived from
 * the app's signing secret (the test provider runs inside the app, so both ends know it).
 */
export function paymentsWebhookSecret(
  configured: string | undefined,
  authSecret: string | undefined,
): string {
  return (
    configured ?? createHmac("sha256", signingSecret(authSecret)).update("payments-webhook").digest("hex")
  );
}
