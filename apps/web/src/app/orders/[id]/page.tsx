import { formatMoney, shippingAddressLines } from "@bazaar/validators";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { trpc } from "~/trpc/server";

import { OrderProgress } from "./order-progress";

export const metadata: Metadata = { title: "Your order", robots: { index: false } };

type Search = Promise<{ access?: string | string[]; returned?: string | string[] }>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * One order, for the shopper who placed it (signed in, the guest's own browser, or the signed link
 * from the confirmation mail) and for staff. Its status follows the order live.
 */
export default async function OrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Search;
}) {
  const { id } = await params;
  const search = await searchParams;
  const access = one(search.access);
  const order = await trpc.orders
    .get({ orderId: id, ...(access ? { access } : {}) })
    .catch((error: unknown) => {
      if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
        return null;
      throw error;
    });
  if (!order) notFound();
  const money = (amount: number) => formatMoney({ amount, currency: order.currency });
  const address = shippingAddressLines(order);
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <header className="space-y-1">
        <h1 className="text-3xl font-bold">Order {order.number}</h1>
        <p className="text-gray-600">
          Placed{" "}
          <time dateTime={order.createdAt.toISOString()}>
            {order.createdAt.toLocaleString("en-GB", {
              dateStyle: "medium",
              timeStyle: "short",
              timeZone: "UTC",
            })}{" "}
            UTC
          </time>{" "}
          · confirmation to {order.email}
        </p>
      </header>

      <OrderProgress
        orderId={order.id}
        access={access ?? null}
        currency={order.currency}
        canPay={order.viewer === "placer"}
        returnedFromPayment={one(search.returned) === "1"}
        initial={{
          status: order.status,
          reservedUntil: order.reservedUntil,
          paymentStatus: order.payments[0]?.status ?? null,
          paymentSubmitted: Boolean(order.payments[0]?.submittedAt),
          carrier: order.carrier,
          trackingNumber: order.trackingNumber,
          refundedAmount: order.refundedAmount,
        }}
      />

      <section aria-labelledby="items-heading" className="space-y-3">
        <h2 id="items-heading" className="text-xl font-semibold">
          Items
        </h2>
        <ul className="divide-y divide-gray-200 rounded-md border border-gray-200">
          {order.lines.map((line) => (
            <li key={line.sku} className="flex flex-wrap justify-between gap-2 px-4 py-3">
              <span>
                <span className="font-medium">{line.productName}</span>{" "}
                <span className="text-gray-600">({line.variantName})</span>
                <span className="block text-sm text-gray-600">
                  {line.quantity} × {money(line.unitAmount)}
                </span>
              </span>
              <span className="font-medium">{money(line.lineAmount)}</span>
            </li>
          ))}
        </ul>
        <dl className="ml-auto grid max-w-xs grid-cols-2 gap-x-6 gap-y-1 text-right">
          <dt className="text-gray-600">Subtotal</dt>
          <dd>{money(order.subtotalAmount)}</dd>
          <dt className="text-gray-600">
            Shipping{order.shippingMethod ? ` (${order.shippingMethod})` : ""}
          </dt>
          <dd>{money(order.shippingAmount)}</dd>
          <dt className="text-gray-600">Tax</dt>
          <dd>{money(order.taxAmount)}</dd>
          <dt className="font-semibold">Total</dt>
          <dd className="font-semibold">{money(order.totalAmount)}</dd>
        </dl>
      </section>

      {address.length > 0 && (
        <section aria-labelledby="address-heading" className="space-y-2">
          <h2 id="address-heading" className="text-xl font-semibold">
            Shipping to
          </h2>
          <address className="text-gray-800 not-italic">
            {address.map((line) => (
              <span key={line} className="block">
                {line}
              </span>
            ))}
          </address>
        </section>
      )}
    </div>
  );
}
