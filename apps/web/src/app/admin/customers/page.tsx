import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";

import { AdminTable, RecordLink } from "~/components/admin/admin-table";
import { filterControl } from "~/components/admin/filter-control";
import { adminHref } from "~/components/admin/links";
import { MoneyList } from "~/components/admin/money-list";
import { Pager, RefusedAddress } from "~/components/admin/pager";
import { param, readTable } from "~/components/admin/table-query";
import { requireStaff } from "~/server/session";
import { trpc } from "~/trpc/server";

import { ROLE_NAMES } from "./roles";

export const metadata: Metadata = { title: "Customers", robots: { index: false } };

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

const isRole = (value: string | undefined): value is keyof typeof ROLE_NAMES =>
  value !== undefined && value in ROLE_NAMES;

/** People with accounts: search, filter by role, page through; each links to their page. */
export default async function CustomersPage({ searchParams }: PageProps<"/admin/customers">) {
  await requireStaff("/admin/customers");
  const query = await searchParams;
  const search = param(query.search)?.slice(0, 254);
  const roleParam = param(query.role);
  const role = isRole(roleParam) ? roleParam : undefined;
  const cursor = param(query.cursor);
  const { data: customers, refused } = await readTable(() =>
    trpc.admin.customers.list({ search, role, cursor, limit: 25 }),
  );
  return (
    <section aria-labelledby="customers-heading" className="space-y-6">
      <h1 id="customers-heading" className="text-3xl font-bold">
        Customers
      </h1>
      <Form
        action="/admin/customers"
        role="search"
        aria-label="Customers"
        className="flex flex-wrap items-end gap-3"
      >
        <div className="space-y-1">
          <label htmlFor="customer-search" className="block text-sm font-medium">
            Email or name
          </label>
          <input
            id="customer-search"
            name="search"
            type="search"
            defaultValue={search}
            maxLength={254}
            className={`w-64 max-w-full ${filterControl}`}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="customer-role" className="block text-sm font-medium">
            Role
          </label>
          <select id="customer-role" name="role" defaultValue={role ?? ""} className={filterControl}>
            <option value="">Any role</option>
            {Object.entries(ROLE_NAMES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="rounded-md border border-gray-300 px-4 py-2 font-medium hover:bg-gray-50 focus:outline-2 focus:outline-offset-2 focus:outline-brand-700"
        >
          Search
        </button>
        {(search !== undefined || role !== undefined) && (
          <Link href="/admin/customers" className="py-2 text-sm text-brand-700 hover:underline">
            Clear
          </Link>
        )}
      </Form>
      {refused ? (
        <RefusedAddress firstPage="/admin/customers" />
      ) : customers.items.length === 0 ? (
        <p className="text-gray-600">
          {search !== undefined || role !== undefined ? "No one matches." : "No one has an account yet."}
        </p>
      ) : (
        <AdminTable
          caption={
            <>
              Customers{search ? ` matching “${search}”` : ""}
              {role ? `, ${ROLE_NAMES[role]} only` : ""}, newest first
            </>
          }
          columns={[
            "Email",
            "Name",
            "Role",
            "Joined",
            { label: "Orders", align: "right" },
            { label: "Spent", align: "right" },
          ]}
        >
          {customers.items.map((customer) => (
            <tr key={customer.id} className="align-top">
              <th scope="row" className="py-2 pr-4 font-normal break-all">
                <RecordLink href={adminHref("customers", customer.id)}>{customer.email}</RecordLink>
                {!customer.verified && <span className="block text-xs text-gray-500">not confirmed</span>}
              </th>
              <td className="py-2 pr-4">{customer.name ?? "—"}</td>
              <td className="py-2 pr-4">{ROLE_NAMES[customer.role]}</td>
              <td className="py-2 pr-4 whitespace-nowrap">
                <time dateTime={customer.createdAt.toISOString()}>{day.format(customer.createdAt)}</time>
              </td>
              <td className="py-2 pr-4 text-right">{customer.orderCount.toLocaleString("en-US")}</td>
              <td className="py-2 text-right">
                <MoneyList amounts={customer.spent} />
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
      {customers && (
        <Pager
          pathname="/admin/customers"
          params={{ search, role }}
          cursor={cursor}
          page={customers}
          noun={{ one: "person", many: "people" }}
        />
      )}
    </section>
  );
}
