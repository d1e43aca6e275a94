import { readTestPayment } from "@bazaar/api";
import { formatMoney } from "@bazaar/validators";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { getDb } from "~/server/db";

import { PaymentForm } from "./payment-form";

export const metadata: Metadata = { title: "Pay · Bazaar test payments", robots: { index: false } };

// The built-in test provider's hosted page. It stands where a real provider's checkout page
// would: the shop sends the shopper here and learns the outcome by webhook, not from this page.
export default async function TestPaymentPage({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  const payment = await readTestPayment(getDb(), ref).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") return null;
    throw error;
  });
  if (!payment) notFound();
  const amount = formatMoney({ amount: payment.amount, currency: payment.currency });
  return (
    <div className="mx-auto max-w-md space-y-6 py-4">
      <p className="rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900">
        Test payments: no real card is charged.
      </p>
      <header>
        <h1 className="text-2xl font-semibold">Pay {amount}</h1>
        <p className="text-gray-700">Bazaar order {payment.orderNumber}</p>
      </header>
      {payment.status === "open" ? (
        <PaymentForm providerRef={ref} amount={amount} />
      ) : (
        <div role="status" className="space-y-3">
          <p>
            {payment.status === "submitted"
              ? "This payment was already submitted."
              : "This payment is closed: the order was paid, cancelled or expired, or the card was declined."}
          </p>
          {payment.returnUrl && (
            <Link href={payment.returnUrl} className="font-medium text-brand-700 underline">
              Back to your order
            </Link>
          )}
        </div>
      )}
    </div>
  );
}
