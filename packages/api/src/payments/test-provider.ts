// The built-in test payment provider (the default with nothing configured): like a real
// provider's test mode, documented card numbers decide what happens, the shopper pays on a hosted
// page (/pay/<ref>, inside the app), and the result arrives later as a signed webhook delivery,
// sent by a queued job that retries until the shop answers 2xx. Refunds are answered at once.
//
// What it knows of a payment is the shop's Payment row and the events it sent about it, whose ids
// are its own to choose. Refunds it keeps in a ledger of its own (TestProviderRefund), written
// outside the shop's transactions as a real provider's would be: a refund it made stays made even
// when the shop fails to record it.
import { createHash, createHmac, randomBytes } from "node:crypto";

import { signingSecret, signValue, verifySignedValue } from "@bazaar/auth";
import type { Db, Prisma } from "@bazaar/db";
import { TRPCError } from "@trpc/server";

import { fieldError, notFound } from "../errors.ts";
import { enqueueJob } from "../jobs/queue.ts";
import type { PaymentEventInput } from "./event-schema.ts";
import { RefundRefusedError, type PaymentProvider, type RefundRequest } from "./provider.ts";
import { SIGNATURE_HEADER, signWebhook, verifyWebhook } from "../webhooks/signature.ts";

export const TEST_PROVIDER = "test";
/** The header a delivery carries its signature in (the same as the shop's own webhooks). */
export { SIGNATURE_HEADER };

/** The card numbers the test provider knows, and what each does (the README lists them). */
const TEST_CARDS = {
  "4242424242424242": "succeeded",
  "4000000000000002": "failed",
  "4000002500003155": "requires_action",
} as const;
export type TestCardOutcome = (typeof TEST_CARDS)[keyof typeof TEST_CARDS];

/** Pays like the success card, but the provider refuses every refund of the payment (as real test modes offer). */
export const REFUND_REFUSING_CARD = "4000000000005126";

const cardDigits = (cardNumber: string) => cardNumber.replace(/[\s-]/g, "");

export function testCardOutcome(cardNumber: string): TestCardOutcome {
  const digits = cardDigits(cardNumber);
  if (digits === REFUND_REFUSING_CARD) return "succeeded";
  const outcome = (TEST_CARDS as Record<string, TestCardOutcome | undefined>)[digits];
  if (!outcome) throw fieldError("BAD_REQUEST", "cardNumber", "is not one of the test cards");
  return outcome;
}

/**
 * The id of the success event for a payment made with the refund-refusing card: one per payment
 * (its form is taken once), so the provider finds it again by id when asked for a refund.
 */
const refundRefusingEventId = (providerRef: string) => `evt_norefund_${providerRef}`;

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

/** The test provider; `db` is the shop's database, where its payments are. */
export function testPaymentProvider(webhookSecret: string, db: Db): PaymentProvider {
  return {
    name: TEST_PROVIDER,
    createPayment() {
      const providerRef = `tp_${randomBytes(16).toString("hex")}`;
      return Promise.resolve({ providerRef, redirectUrl: `/pay/${providerRef}` });
    },
    readWebhook(rawBody, headers, now) {
      verifyWebhook(webhookSecret, headers.get(SIGNATURE_HEADER), rawBody, now);
      return JSON.parse(rawBody) as unknown;
    },
    refund: (request) => refundTestPayment(db, request),
  };
}

/**
 * A refund, checked as a real provider would: a payment of its own that succeeded, in its
 * currency, for no more than its ledger says is left. A key it has seen is answered with the
 * refund it made for it, as an idempotency key promises. One transaction of its own per request,
 * holding a lock on the payment's reference (none of the shop's rows), so two requests at once
 * cannot both spend what is left.
 */
async function refundTestPayment(db: Db, request: RefundRequest): Promise<{ providerRef: string }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`test-provider-refund:${request.paymentRef}`}))`;
    const made = await tx.testProviderRefund.findUnique({
      where: { idempotencyKey: request.idempotencyKey },
    });
    if (made) return { providerRef: made.providerRef };
    const payment = await tx.payment.findUnique({
      where: { provider_providerRef: { provider: TEST_PROVIDER, providerRef: request.paymentRef } },
    });
    if (!payment) throw new RefundRefusedError("it has no such payment");
    if (payment.status !== "SUCCEEDED") throw new RefundRefusedError("that payment did not succeed");
    if (payment.currency.trim() !== request.currency) {
      throw new RefundRefusedError(`that payment was in ${payment.currency.trim()}, not ${request.currency}`);
    }
    const paidOut = await tx.testProviderRefund.aggregate({
      where: { paymentRef: request.paymentRef },
      _sum: { amount: true },
    });
    const left = payment.amount - (paidOut._sum.amount ?? 0);
    if (request.amount < 1 || request.amount > left) {
      throw new RefundRefusedError(`only ${left} (minor units) of that payment is left to refund`);
    }
    const refusing = await tx.paymentEvent.findUnique({
      where: {
        provider_eventId: { provider: TEST_PROVIDER, eventId: refundRefusingEventId(request.paymentRef) },
      },
      select: { id: true },
    });
    if (refusing) throw new RefundRefusedError("the card it was paid with does not accept refunds");
    const providerRef = `re_${createHash("sha256").update(`${request.paymentRef}\n${request.idempotencyKey}`).digest("hex").slice(0, 32)}`;
    await tx.testProviderRefund.create({
      data: {
        providerRef,
        paymentRef: request.paymentRef,
        idempotencyKey: request.idempotencyKey,
        amount: request.amount,
      },
    });
    return { providerRef };
  });
}

/** The event the test provider sends for an outcome. */
export function testPaymentEvent(
  payment: { providerRef: string; amount: number; currency: string },
  outcome: TestCardOutcome,
  options: { refundsRefused?: boolean } = {},
): PaymentEventInput {
  return {
    id: options.refundsRefused
      ? refundRefusingEventId(payment.providerRef)
      : `evt_${randomBytes(16).toString("hex")}`,
    type: `payment.${outcome}`,
    data: { paymentRef: payment.providerRef, amount: payment.amount, currency: payment.currency.trim() },
  };
}

// ---- The hosted page's side: what the shopper does there, and the deliveries it causes. ----

export interface TestPaymentPage {
  amount: number;
  currency: string;
  orderNumber: number;
  status: "open" | "submitted" | "closed";
  returnUrl: string | null;
}

export async function readTestPayment(db: Db, providerRef: string): Promise<TestPaymentPage> {
  const payment = await db.payment.findUnique({
    where: { provider_providerRef: { provider: TEST_PROVIDER, providerRef } },
    include: { order: { select: { number: true, status: true } } },
  });
  if (!payment) throw notFound("That payment");
  const closed = payment.order.status !== "PENDING_PAYMENT" || payment.status === "FAILED";
  return {
    amount: payment.amount,
    currency: payment.currency.trim(),
    orderNumber: payment.order.number,
    status: closed ? "closed" : payment.submittedAt ? "submitted" : "open",
    returnUrl: payment.returnUrl,
  };
}

const CHALLENGE_PURPOSE = "test-payment-challenge";

export interface CardResult {
  outcome: TestCardOutcome;
  returnUrl: string | null;
  /** For a card that needs a second step: what the page sends back with the shopper's answer. */
  challenge: string | null;
}

/**
 * The shopper sent the card form: once per payment. The outcome goes to the shop as a webhook
 * delivery after `deliveryDelayMs` (a real provider's is never instant either).
 */
export async function submitTestCard(
  db: Db,
  options: { providerRef: string; cardNumber: string; secret: string; deliveryDelayMs: number },
): Promise<CardResult> {
  const outcome = testCardOutcome(options.cardNumber);
  const payment = await db.$transaction(async (tx) => {
    const taken = await tx.payment.updateMany({
      where: {
        provider: TEST_PROVIDER,
        providerRef: options.providerRef,
        submittedAt: null,
        status: "PENDING",
      },
      data: { submittedAt: new Date() },
    });
    if (taken.count === 0) {
      throw new TRPCError({ code: "CONFLICT", message: "This payment was already submitted or closed." });
    }
    const row = await tx.payment.findUniqueOrThrow({
      where: { provider_providerRef: { provider: TEST_PROVIDER, providerRef: options.providerRef } },
    });
    const refundsRefused = cardDigits(options.cardNumber) === REFUND_REFUSING_CARD;
    await queueDelivery(tx, testPaymentEvent(row, outcome, { refundsRefused }), options.deliveryDelayMs);
    return row;
  });
  return {
    outcome,
    returnUrl: payment.returnUrl,
    challenge:
      outcome === "requires_action"
        ? signValue(options.secret, CHALLENGE_PURPOSE, options.providerRef)
        : null,
  };
}

/** The second step of a card that asked for one: the shopper approved or refused it. */
export async function answerTestChallenge(
  db: Db,
  options: {
    providerRef: string;
    challenge: string;
    approve: boolean;
    secret: string;
    deliveryDelayMs: number;
  },
): Promise<{ returnUrl: string | null }> {
  if (verifySignedValue(options.secret, CHALLENGE_PURPOSE, options.challenge) !== options.providerRef) {
    throw fieldError("BAD_REQUEST", "challenge", "does not belong to this payment");
  }
  return db.$transaction(async (tx) => {
    const payment = await tx.payment.findUnique({
      where: { provider_providerRef: { provider: TEST_PROVIDER, providerRef: options.providerRef } },
    });
    if (!payment) throw notFound("That payment");
    if (payment.status === "SUCCEEDED" || payment.status === "FAILED") {
      throw new TRPCError({ code: "CONFLICT", message: "This payment is already settled." });
    }
    const event = testPaymentEvent(payment, options.approve ? "succeeded" : "failed");
    await queueDelivery(tx, event, options.deliveryDelayMs);
    return { returnUrl: payment.returnUrl };
  });
}

function queueDelivery(tx: Prisma.TransactionClient, event: PaymentEventInput, delayMs: number) {
  return enqueueJob(tx, "deliver-test-payment-event", { event }, `test-payment-event:${event.id}`, {
    runAt: new Date(Date.now() + delayMs),
  });
}

/** The delivery job: POST the event, signed, to the shop's webhook; a non-2xx answer throws, so it is retried. */
export async function deliverTestPaymentEvent(
  event: PaymentEventInput,
  options: { webhookUrl: string; secret: string; signal?: AbortSignal },
): Promise<void> {
  const body = JSON.stringify(event);
  const response = await fetch(options.webhookUrl, {
    method: "POST",
    headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signWebhook(options.secret, body) },
    body,
    // Never longer than 10 s, and sooner when the worker shuts down.
    signal: AbortSignal.any([AbortSignal.timeout(10_000), ...(options.signal ? [options.signal] : [])]),
  });
  if (!response.ok) {
    throw new Error(`the payments webhook answered ${response.status}: ${await response.text()}`);
  }
}
