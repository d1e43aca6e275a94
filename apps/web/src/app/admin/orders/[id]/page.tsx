import { formatMoney, ORDER_STATUS_TEXT } from "@bazaar/validators";
import type { Metadata } from "next";
import Link from "next/link";

import { AdminTable } from "~/components/admin/admin-table";
import { adminHref } from "~/components/admin/links";
import { orNotFound } from "~/server/or-not-found";
import { requireStaff } from "~/server/session";
import { trpc } from "~/trpc/server";

import { OrderActions } from "./order-actions";

export const metadata: Metadata = { title: "Order", robots: { index: false } };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function Time({ at }: { at: Date | null }) {
  if (!at) return <>—</>;
  return <time dateTime={at.toISOString()}>{when.format(at)} UTC</time>;
}

const PAYMENT_STATUS = {
  PENDING: "Open",
  REQUIRES_ACTION: "Waiting for the bank",
  SUCCEEDED: "Succeeded",
  FAILED: "Declined",
} as const;

const cell = "py-2 pr-4";

/** One order for staff: what was bought, where it goes, the money, its history, and what to do next. */
export default async function AdminOrderPage({ params }: PageProps<"/admin/orders/[id]">) {
  const { id } = await params;
  await requireStaff(adminHref("orders", id));
  const order = await orNotFound(trpc.admin.orders.get({ id }));
  const money = (amount: number) => formatMoney({ amount, currency: order.currency });
  return (
    <div className="space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/admin/orders" className="text-brand-700 hover:underline">
          Orders
        </Link>
      </nav>

      <section aria-labelledby="order-heading" className="space-y-4">
        <h1 id="order-heading" className="text-3xl font-bold">
          Order {order.number}
        </h1>
        <dl className="grid max-w-2xl grid-cols-[auto_1fr] items-start gap-x-6 gap-y-2">
          <dt className="font-medium text-gray-600">Status</dt>
          <dd data-order-status={order.status}>{ORDER_STATUS_TEXT[order.status]}</dd>
          <dt className="font-medium text-gray-600">Placed</dt>
          <dd>
            <Time at={order.createdAt} />
          </dd>
          <dt className="font-medium text-gray-600">Email</dt>
          <dd className="break-all">{order.email}</dd>
          <dt className="font-medium text-gray-600">Customer</dt>
          <dd>
            {order.customer ? (
              <Link
                href={adminHref("customers", order.customer.id)}
                className="text-brand-700 hover:underline"
              >
                {order.customer.name ?? order.customer.email}
              </Link>
            ) : (
              "Guest (no account)"
            )}
          </dd>
          <dt className="font-medium text-gray-600">Total</dt>
          <dd>{money(order.totalAmount)}</dd>
          <dt className="font-medium text-gray-600">Paid</dt>
          <dd>
            {order.paidAt ? (
              <>
                {money(order.paidAmount)} on <Time at={order.paidAt} />
              </>
            ) : (
              "Not paid"
            )}
          </dd>
          <dt className="font-medium text-gray-600">Refunded</dt>
          <dd>{order.refundedAmount > 0 ? money(order.refundedAmount) : "—"}</dd>
          <dt className="font-medium text-gray-600">Shipping</dt>
          <dd>
            {order.fulfilledAt ? (
              <>
                Shipped <Time at={order.fulfilledAt} />
                {order.carrier ? ` with ${order.carrier}` : ""}, tracking number{" "}
                <span className="font-mono">{order.trackingNumber}</span>
                {order.shippedMailSentAt ? " (customer emailed)" : " (email on its way)"}
              </>
            ) : (
              (order.shippingMethod ?? "—")
            )}
          </dd>
        </dl>
      </section>

      <OrderActions
        order={{
          id: order.id,
          number: order.number,
          currency: order.currency,
          refundableText: money(order.refundable),
          shipped: order.fulfilledAt !== null,
          cancelRefundText:
            order.status === "PAID" && order.totalAmount > order.refundedAmount
              ? money(order.totalAmount - order.refundedAmount)
              : null,
          can: order.can,
        }}
      />

      <section aria-labelledby="lines-heading" className="space-y-3">
        <h2 id="lines-heading" className="text-xl font-semibold">
          Items
        </h2>
        <AdminTable
          caption={`Items in order ${order.number}`}
          columns={[
            "Item",
            "SKU",
            { label: "Unit price", align: "right" },
            { label: "Quantity", align: "right" },
            { label: "Amount", align: "right" },
          ]}
        >
          {order.lines.map((line) => (
            <tr key={line.id}>
              <th scope="row" className={`${cell} font-normal`}>
                {line.productName} <span className="text-gray-600">({line.variantName})</span>
              </th>
              <td className={`${cell} font-mono`}>{line.sku}</td>
              <td className={`${cell} text-right`}>{money(line.unitAmount)}</td>
              <td className={`${cell} text-right`}>{line.quantity}</td>
              <td className="py-2 text-right">{money(line.lineAmount)}</td>
            </tr>
          ))}
        </AdminTable>
        <dl className="ml-auto grid max-w-xs grid-cols-2 gap-x-6 gap-y-1 text-right text-sm">
          <dt className="text-gray-600">Subtotal</dt>
          <dd>{money(order.subtotalAmount)}</dd>
          <dt className="text-gray-600">Shipping</dt>
          <dd>{money(order.shippingAmount)}</dd>
          <dt className="text-gray-600">Tax</dt>
          <dd>{money(order.taxAmount)}</dd>
          <dt className="font-semibold">Total</dt>
          <dd className="font-semibold">{money(order.totalAmount)}</dd>
        </dl>
      </section>

      <section aria-labelledby="address-heading" className="space-y-2">
        <h2 id="address-heading" className="text-xl font-semibold">
          Shipping address
        </h2>
        {order.address.length > 0 ? (
          <address className="text-gray-800 not-italic">
            {order.address.map((line) => (
              <span key={line} className="block">
                {line}
              </span>
            ))}
          </address>
        ) : (
          <p className="text-gray-600">None given.</p>
        )}
      </section>

      <section aria-labelledby="payments-heading" className="space-y-3">
        <h2 id="payments-heading" className="text-xl font-semibold">
          Payments
        </h2>
        {order.payments.length === 0 ? (
          <p className="text-gray-600">No payment was started.</p>
        ) : (
          <AdminTable
            caption="Payment attempts, oldest first"
            columns={["Started", "Provider reference", "Status", { label: "Amount", align: "right" }]}
          >
            {order.payments.map((payment) => (
              <tr key={payment.id}>
                <th scope="row" className={`${cell} font-normal whitespace-nowrap`}>
                  <Time at={payment.createdAt} />
                </th>
                <td className={`${cell} font-mono break-all`}>
                  {payment.provider}: {payment.providerRef}
                </td>
                <td className={cell}>{PAYMENT_STATUS[payment.status]}</td>
                <td className="py-2 text-right">{money(payment.amount)}</td>
              </tr>
            ))}
          </AdminTable>
        )}
      </section>

      <section aria-labelledby="refunds-heading" className="space-y-3">
        <h2 id="refunds-heading" className="text-xl font-semibold">
          Refunds
        </h2>
        {order.unsettledRefunds.map((intent) => (
          <p key={intent.id} className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm">
            A refund of {money(intent.amount)} asked on <Time at={intent.createdAt} />
            {intent.actorEmail ? ` by ${intent.actorEmail}` : ""} has no recorded outcome: the payment
            provider’s answer was lost. The next refund or cancel asks the provider about it first, and
            records it if it was paid (or pays it now).
          </p>
        ))}
        {order.refunds.length === 0 ? (
          <p className="text-gray-600">Nothing was refunded.</p>
        ) : (
          <AdminTable
            caption="Refunds, oldest first"
            columns={["When", "Reason", "By", "Provider reference", { label: "Amount", align: "right" }]}
          >
            {order.refunds.map((refund) => (
              <tr key={refund.id}>
                <th scope="row" className={`${cell} font-normal whitespace-nowrap`}>
                  <Time at={refund.createdAt} />
                </th>
                <td className={cell}>{refund.reason}</td>
                <td className={`${cell} break-all`}>{refund.actorEmail ?? "—"}</td>
                <td className={`${cell} font-mono break-all`}>{refund.providerRef}</td>
                <td className="py-2 text-right">{money(refund.amount)}</td>
              </tr>
            ))}
          </AdminTable>
        )}
      </section>

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-xl font-semibold">
          History
        </h2>
        <ol aria-label="Order history, oldest first" className="space-y-3 border-l-2 border-gray-200 pl-4">
          {order.timeline.map((entry, index) => (
            <li key={`${entry.at.toISOString()}-${index}`} className="text-sm">
              <p>
                <span className="font-medium">{entry.title}</span>
                {entry.detail ? <span className="text-gray-700">: {entry.detail}</span> : null}
                {entry.actorEmail ? <span className="text-gray-600"> (by {entry.actorEmail})</span> : null}
              </p>
              <p className="text-gray-500">
                <Time at={entry.at} />
              </p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
