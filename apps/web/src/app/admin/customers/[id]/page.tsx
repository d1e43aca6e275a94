import { formatMoney, ORDER_STATUS_TEXT } from "@bazaar/validators";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { AdminTable, RecordLink } from "~/components/admin/admin-table";
import { adminHref } from "~/components/admin/links";
import { MoneyList } from "~/components/admin/money-list";
import { Pager, RefusedAddress } from "~/components/admin/pager";
import { param, readTable } from "~/components/admin/table-query";
import { requireStaff } from "~/server/session";
import { trpc } from "~/trpc/server";

import { RoleForm } from "../role-form";
import { ROLE_NAMES } from "../roles";

export const metadata: Metadata = { title: "Customer", robots: { index: false } };

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** One person: their profile, their orders (paged), and for admins, their role. */
export default async function CustomerPage({ params, searchParams }: PageProps<"/admin/customers/[id]">) {
  const { id } = await params;
  const pathname = adminHref("customers", id);
  const session = await requireStaff(pathname);
  const cursor = param((await searchParams).cursor);
  let read;
  try {
    read = await readTable(() => trpc.admin.customers.get({ id, cursor, limit: 25 }));
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  if (!read.data) {
    // Only the cursor comes from the URL's query: start the orders again from the first page.
    return <RefusedAddress firstPage={pathname} linkText="Open the customer’s first page" />;
  }
  const { customer, orders } = read.data;
  const isAdmin = session.user.role === "ADMIN";
  return (
    <div className="space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/admin/customers" className="text-brand-700 hover:underline">
          Customers
        </Link>
      </nav>
      <section aria-labelledby="customer-heading" className="space-y-4">
        <h1 id="customer-heading" className="text-3xl font-bold break-all">
          {customer.name ?? customer.email}
        </h1>
        <dl className="grid max-w-xl grid-cols-[auto_1fr] items-start gap-x-6 gap-y-2">
          <dt className="font-medium text-gray-600">Email</dt>
          <dd className="break-all">
            {customer.email} {customer.verified ? "(confirmed)" : "(not confirmed)"}
          </dd>
          <dt className="font-medium text-gray-600">Name</dt>
          <dd>{customer.name ?? "—"}</dd>
          <dt className="font-medium text-gray-600">Joined</dt>
          <dd>
            <time dateTime={customer.createdAt.toISOString()}>{day.format(customer.createdAt)}</time>
          </dd>
          <dt className="font-medium text-gray-600">Signed in on</dt>
          <dd>
            {customer.sessions} {customer.sessions === 1 ? "device or app" : "devices or apps"}
          </dd>
          <dt className="font-medium text-gray-600">Spent</dt>
          <dd>
            <MoneyList amounts={customer.spent} />
          </dd>
          <dt className="font-medium text-gray-600">Role</dt>
          <dd>
            {isAdmin ? (
              <RoleForm userId={customer.id} email={customer.email} role={customer.role} />
            ) : (
              ROLE_NAMES[customer.role]
            )}
          </dd>
        </dl>
      </section>
      <section aria-labelledby="customer-orders-heading" className="space-y-4">
        <h2 id="customer-orders-heading" className="text-xl font-semibold">
          Orders
        </h2>
        {orders.total === 0 ? (
          <p className="text-gray-600">No orders yet.</p>
        ) : (
          <AdminTable
            caption={`Orders by ${customer.email}, newest first`}
            columns={["Order", "Placed", "Status", { label: "Total", align: "right" }]}
          >
            {orders.items.map((order) => (
              <tr key={order.id}>
                <th scope="row" className="py-2 pr-4 font-normal">
                  <RecordLink href={adminHref("orders", order.id)}>Order {order.number}</RecordLink>
                </th>
                <td className="py-2 pr-4 whitespace-nowrap">
                  <time dateTime={order.createdAt.toISOString()}>{day.format(order.createdAt)}</time>
                </td>
                <td className="py-2 pr-4">{ORDER_STATUS_TEXT[order.status]}</td>
                <td className="py-2 text-right whitespace-nowrap">
                  {formatMoney(order.total)}
                  {order.refunded > 0 && order.refunded < order.total.amount && (
                    <span className="block text-xs text-gray-600">
                      {formatMoney({ amount: order.refunded, currency: order.total.currency })} refunded
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </AdminTable>
        )}
        <Pager pathname={pathname} cursor={cursor} page={orders} noun={{ one: "order", many: "orders" }} />
      </section>
    </div>
  );
}
