"use client";

import { formatMoney, ORDER_STATUS_TEXT, type AdminOrderStatus as OrderStatus } from "@bazaar/validators";
import { useState } from "react";

import { ProblemAlert } from "~/components/problem-alert";
import { api } from "~/trpc/react";

type PaymentStatus = "PENDING" | "REQUIRES_ACTION" | "SUCCEEDED" | "FAILED";

interface Progress {
  status: OrderStatus;
  reservedUntil: Date | null;
  paymentStatus: PaymentStatus | null;
  paymentSubmitted: boolean;
  /** Set when staff ship it. */
  carrier: string | null;
  trackingNumber: string | null;
  /** Minor units given back so far. */
  refundedAmount: number;
}

const time = new Intl.DateTimeFormat("en-GB", { timeStyle: "short", timeZone: "UTC" });

/** What the shopper is told, from the order's status and its latest payment. */
function describe(
  progress: Progress,
  returnedFromPayment: boolean,
): { headline: string; detail: string | null } {
  if (progress.status !== "PENDING_PAYMENT") {
    const detail: Partial<Record<OrderStatus, string>> = {
      PAID: "Thank you! Your payment arrived and a confirmation email is on its way.",
      FULFILLED: "Your order is on its way.",
      EXPIRED: "It was not paid in time, so the items went back on sale.",
      CANCELLED: "This order was cancelled.",
      REFUNDED: "Your payment was refunded.",
    };
    return { headline: ORDER_STATUS_TEXT[progress.status], detail: detail[progress.status] ?? null };
  }
  const hold = progress.reservedUntil
    ? ` We hold your items until ${time.format(progress.reservedUntil)} UTC.`
    : "";
  if (progress.paymentStatus === "FAILED") {
    return { headline: "Payment declined", detail: `Your card was declined; nothing was charged.${hold}` };
  }
  if (progress.paymentStatus === "REQUIRES_ACTION") {
    return { headline: "Confirming your payment…", detail: "Your bank asked you to confirm the payment." };
  }
  // The shopper may be back before the provider's webhook: say so, and turn "paid" when it lands.
  if (returnedFromPayment || progress.paymentSubmitted) {
    return {
      headline: "Confirming your payment…",
      detail: "This page updates by itself when it is confirmed.",
    };
  }
  return { headline: ORDER_STATUS_TEXT.PENDING_PAYMENT, detail: hold.trim() || null };
}

export function OrderProgress({
  orderId,
  access,
  currency,
  canPay,
  returnedFromPayment,
  initial,
}: {
  orderId: string;
  access: string | null;
  currency: string;
  canPay: boolean;
  returnedFromPayment: boolean;
  initial: Progress;
}) {
  const [progress, setProgress] = useState(initial);
  const [payError, setPayError] = useState<string | null>(null);
  const lookup = { orderId, ...(access ? { access } : {}) };
  api.orders.progress.useSubscription(lookup, {
    onData(update) {
      const payment = update.payments[0];
      setProgress({
        status: update.status,
        reservedUntil: update.reservedUntil,
        paymentStatus: payment?.status ?? null,
        paymentSubmitted: Boolean(payment?.submittedAt),
        carrier: update.carrier,
        trackingNumber: update.trackingNumber,
        refundedAmount: update.refundedAmount,
      });
    },
  });
  const pay = api.payments.start.useMutation({
    onSuccess: ({ pagePath }) => window.location.assign(pagePath),
    onError: (error) => setPayError(error.message),
  });
  const { headline, detail } = describe(progress, returnedFromPayment);
  const payable =
    canPay &&
    progress.status === "PENDING_PAYMENT" &&
    // Declined, or stuck at the bank's step (its page closed): a new payment can be started.
    (progress.paymentStatus === "FAILED" ||
      progress.paymentStatus === "REQUIRES_ACTION" ||
      !(returnedFromPayment || progress.paymentSubmitted));
  return (
    <section aria-labelledby="status-heading" className="space-y-3 rounded-md border border-gray-200 p-4">
      <div aria-live="polite" aria-atomic="true">
        <h2 id="status-heading" className="text-xl font-semibold">
          Status: <span data-order-status={progress.status}>{headline}</span>
        </h2>
        {detail && <p className="text-gray-700">{detail}</p>}
        {progress.trackingNumber && (
          <p className="text-gray-700">
            {progress.carrier ? `Carrier: ${progress.carrier}. ` : ""}Tracking number:{" "}
            <span className="font-mono">{progress.trackingNumber}</span>
          </p>
        )}
        {progress.refundedAmount > 0 && (
          <p className="text-gray-700">
            Refunded: {formatMoney({ amount: progress.refundedAmount, currency })}
          </p>
        )}
      </div>
      {payable && (
        <button
          type="button"
          onClick={() => pay.mutate(lookup)}
          disabled={pay.isPending}
          className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 focus:outline-2 focus:outline-offset-2 focus:outline-brand-700 disabled:opacity-60"
        >
          {progress.paymentStatus === "FAILED" || progress.paymentStatus === "REQUIRES_ACTION"
            ? "Try another card"
            : "Pay now"}
        </button>
      )}
      <ProblemAlert message={payError} />
    </section>
  );
}
