import { formatMoney, ORDER_STATUS_TEXT, ORDER_STATUSES, type AdminOrderStatus } from "@bazaar/validators";
import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import type { ReactNode } from "react";

import { AdminTable, RecordLink } from "~/components/admin/admin-table";
import { filterControl } from "~/components/admin/filter-control";
import { adminHref } from "~/components/admin/links";
import { Pager } from "~/components/admin/pager";
import { param, readTable } from "~/components/admin/table-query";
import { ProblemAlert } from "~/components/problem-alert";
import { requireStaff } from "~/server/session";
import { trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Orders", robots: { index: false } };

const placed = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const controlClass = `${filterControl} aria-invalid:border-red-600 focus:outline-2 focus:outline-offset-1 focus:outline-brand-700`;

/** A filter's control with its label and, when the URL held a value the server refused, why. */
function Filter({
  id,
  label,
  errors,
  children,
}: {
  id: string;
  label: string;
  errors: string[] | undefined;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {errors && (
        <p id={`${id}-error`} className="max-w-48 text-sm text-red-700">
          {label} {errors.join(" ")}
        </p>
      )}
    </div>
  );
}

const invalid = (errors: string[] | undefined, id: string) =>
  errors ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {};

/** Every order, newest first: filter by status, dates placed, number or email; page; export. */
export default async function OrdersPage({ searchParams }: PageProps<"/admin/orders">) {
  await requireStaff("/admin/orders");
  const query = await searchParams;
  const filters = {
    // The procedure's schema judges each value: a wrong one is shown beside its filter.
    status: param(query.status) as AdminOrderStatus | undefined,
    from: param(query.from),
    to: param(query.to),
    q: param(query.q),
  };
  const cursor = param(query.cursor);
  const { data: orders, refused } = await readTable(() =>
    trpc.admin.orders.list({ ...filters, cursor, limit: 25 }),
  );
  const filtered = Object.values(filters).some((value) => value !== undefined);
  const exportQuery = new URLSearchParams(
    Object.entries(filters).flatMap(([name, value]) => (value ? [[name, value]] : [])),
  ).toString();
  return (
    <section aria-labelledby="orders-heading" className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 id="orders-heading" className="text-3xl font-bold">
          Orders
        </h1>
        {!refused && (
          // A plain link: the export is a download (and an audited one), never prefetched.
          <a
            href={`/admin/orders/export${exportQuery ? `?${exportQuery}` : ""}`}
            className="rounded-md border border-gray-300 px-3 py-1.5 text-sm font-medium hover:bg-gray-50 focus:outline-2 focus:outline-offset-2 focus:outline-brand-700"
          >
            Export CSV
          </a>
        )}
      </div>
      <Form
        action="/admin/orders"
        role="search"
        aria-label="Orders"
        className="flex flex-wrap items-end gap-3"
      >
        <Filter id="order-q" label="Order number or email" errors={refused?.q}>
          <input
            id="order-q"
            name="q"
            type="search"
            defaultValue={filters.q}
            maxLength={254}
            className={`w-64 max-w-full ${controlClass}`}
            {...invalid(refused?.q, "order-q")}
          />
        </Filter>
        <Filter id="order-status" label="Status" errors={refused?.status}>
          <select
            id="order-status"
            name="status"
            defaultValue={filters.status ?? ""}
            className={controlClass}
            {...invalid(refused?.status, "order-status")}
          >
            <option value="">Any status</option>
            {ORDER_STATUSES.map((status) => (
              <option key={status} value={status}>
                {ORDER_STATUS_TEXT[status]}
              </option>
            ))}
          </select>
        </Filter>
        <Filter id="order-from" label="Placed from" errors={refused?.from}>
          <input
            id="order-from"
            name="from"
            type="date"
            defaultValue={filters.from}
            className={controlClass}
            {...invalid(refused?.from, "order-from")}
          />
        </Filter>
        <Filter id="order-to" label="Placed to" errors={refused?.to}>
          <input
            id="order-to"
            name="to"
            type="date"
            defaultValue={filters.to}
            className={controlClass}
            {...invalid(refused?.to, "order-to")}
          />
        </Filter>
        <div className="flex items-center gap-3">
          <button
            type="submit"
            className="rounded-md border border-gray-300 px-4 py-2 font-medium hover:bg-gray-50 focus:outline-2 focus:outline-offset-2 focus:outline-brand-700"
          >
            Search
          </button>
          {filtered && (
            <Link href="/admin/orders" className="text-sm text-brand-700 hover:underline">
              Clear
            </Link>
          )}
        </div>
      </Form>
      {refused ? (
        <ProblemAlert message="These filters are not valid: see the fields above.">
          {refused.cursor && (
            <Link href="/admin/orders" className="font-medium underline">
              Start from the first page
            </Link>
          )}
        </ProblemAlert>
      ) : orders.items.length === 0 ? (
        <p className="text-gray-600">{filtered ? "No order matches." : "No orders yet."}</p>
      ) : (
        <AdminTable
          caption={`Orders${filtered ? " matching the filters" : ""}, newest first`}
          columns={[
            "Order",
            "Placed (UTC)",
            "Customer email",
            "Status",
            { label: "Total", align: "right" },
            { label: "Refunded", align: "right" },
          ]}
        >
          {orders.items.map((order) => (
            <tr key={order.id} className="align-top">
              <th scope="row" className="py-2 pr-4 font-normal">
                <RecordLink href={adminHref("orders", order.id)}>Order {order.number}</RecordLink>
              </th>
              <td className="py-2 pr-4 whitespace-nowrap">
                <time dateTime={order.createdAt.toISOString()}>{placed.format(order.createdAt)}</time>
              </td>
              <td className="py-2 pr-4 break-all">{order.email}</td>
              <td className="py-2 pr-4 whitespace-nowrap" data-order-status={order.status}>
                {ORDER_STATUS_TEXT[order.status]}
              </td>
              <td className="py-2 pr-4 text-right whitespace-nowrap">
                {formatMoney({ amount: order.totalAmount, currency: order.currency })}
              </td>
              <td className="py-2 text-right whitespace-nowrap">
                {order.refundedAmount > 0
                  ? formatMoney({ amount: order.refundedAmount, currency: order.currency })
                  : "—"}
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
      {orders && (
        <Pager
          pathname="/admin/orders"
          params={filters}
          cursor={cursor}
          page={orders}
          noun={{ one: "order", many: "orders" }}
        />
      )}
    </section>
  );
}
