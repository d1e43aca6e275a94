import type { RouterOutputs } from "@bazaar/api";
import { formatMoney, type Money } from "@bazaar/validators";
import type { Metadata } from "next";
import type { ReactNode } from "react";

import { AdminTable, RecordLink } from "~/components/admin/admin-table";
import { BarChart } from "~/components/admin/bar-chart";
import { adminHref } from "~/components/admin/links";
import { MoneyList } from "~/components/admin/money-list";
import { requireStaff } from "~/server/session";
import { trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Admin", robots: { index: false } };

type Summary = RouterOutputs["admin"]["dashboard"]["summary"];
type Period = Summary["periods"]["today"];

const ROLE_NAMES = { CUSTOMER: "Customer", STAFF: "Staff", ADMIN: "Admin" } as const;

const utc = { timeZone: "UTC" } as const;
const longDay = new Intl.DateTimeFormat("en-GB", { ...utc, dateStyle: "medium" });
const shortDay = new Intl.DateTimeFormat("en-GB", { ...utc, day: "numeric", month: "short" });
const clock = new Intl.DateTimeFormat("en-GB", { ...utc, timeStyle: "short" });
const dateTime = new Intl.DateTimeFormat("en-GB", { ...utc, dateStyle: "medium", timeStyle: "short" });

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;

/** How long ago, roughly: "45 minutes", "5 hours", "3 days". */
function age(since: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 60) return plural(minutes, "minute");
  if (minutes < 48 * 60) return plural(Math.floor(minutes / 60), "hour");
  return plural(Math.floor(minutes / 1440), "day");
}

/** The currencies the shop took money in over the 30 days, in order. */
const currenciesOf = (summary: Summary) => summary.periods.last30Days.revenue.map((money) => money.currency);

const revenueIn = (revenue: readonly Money[], currency: string) =>
  revenue.find((money) => money.currency === currency)?.amount ?? 0;

// The console's home. Staff and admins only; anyone else gets a 404 (requireStaff).
export default async function AdminDashboardPage() {
  const { user } = await requireStaff("/admin");
  const summary = await trpc.admin.dashboard.summary();
  const now = summary.asOf;
  return (
    <div className="space-y-10">
      <section aria-labelledby="console-heading" className="space-y-2">
        <h1 id="console-heading" className="text-3xl font-bold">
          Admin console
        </h1>
        <p className="text-gray-600">
          Signed in as <strong className="text-gray-900">{user.name ?? user.email}</strong>
          {user.name && <> ({user.email})</>}, role{" "}
          <strong className="text-gray-900">{ROLE_NAMES[user.role]}</strong>.
        </p>
      </section>

      <section aria-labelledby="sales-heading" className="space-y-4">
        <div className="space-y-1">
          <h2 id="sales-heading" className="text-xl font-semibold">
            Sales
          </h2>
          <p className="text-sm text-gray-600">
            Days are UTC days: today is {longDay.format(now)} (UTC), figures as of {clock.format(now)} UTC.
            Revenue is what orders paid in the period brought in, less what has been refunded of them.
          </p>
        </div>
        <ul className="grid gap-4 sm:grid-cols-3">
          <PeriodCard title="Today" period={summary.periods.today} />
          <PeriodCard title="Last 7 days" period={summary.periods.last7Days} />
          <PeriodCard title="Last 30 days" period={summary.periods.last30Days} />
        </ul>
        <SalesCharts summary={summary} />
      </section>

      <section aria-labelledby="action-heading" className="space-y-4">
        <h2 id="action-heading" className="text-xl font-semibold">
          Needs action
        </h2>
        <div className="grid gap-6 lg:grid-cols-3">
          <ActionList
            title="Paid, not shipped"
            total={summary.unshipped.total}
            empty="Every paid order has shipped."
            shown={summary.unshipped.oldest.length}
            order="oldest"
          >
            {summary.unshipped.oldest.map((order) => (
              <li key={order.id}>
                <RecordLink href={adminHref("orders", order.id)}>Order {order.number}</RecordLink>{" "}
                <span className="break-all text-gray-600">{order.email}</span>
                <span className="block text-gray-600">
                  {order.paidAt ? `paid ${age(order.paidAt, now)} ago` : "paid"}
                </span>
              </li>
            ))}
          </ActionList>
          <ActionList
            title="Payments to refund or check"
            total={summary.heldPayments.total}
            empty="No payment is waiting for a decision."
            shown={summary.heldPayments.oldest.length}
            order="oldest"
          >
            {summary.heldPayments.oldest.map((event) => (
              <li key={event.id}>
                {event.order ? (
                  <RecordLink href={adminHref("orders", event.order.id)}>
                    Order {event.order.number}
                  </RecordLink>
                ) : (
                  <span className="font-medium">Unknown order</span>
                )}{" "}
                {event.payment && <span>{formatMoney(event.payment)}</span>}
                <span className="block text-gray-600">
                  {event.outcome.replace(/^held: /, "")} (received {dateTime.format(event.receivedAt)} UTC)
                </span>
              </li>
            ))}
          </ActionList>
          <ActionList
            title="Background jobs that failed"
            total={summary.failedJobs.total}
            empty="No job has failed for good."
            shown={summary.failedJobs.latest.length}
            order="latest"
          >
            {summary.failedJobs.latest.map((job) => (
              <li key={job.id}>
                <span className="font-medium">{job.task}</span>{" "}
                <span className="text-gray-600">
                  after {plural(job.attempts, "attempt")}, {dateTime.format(job.failedAt)} UTC
                </span>
                {job.lastError && <span className="block break-words text-red-800">{job.lastError}</span>}
              </li>
            ))}
          </ActionList>
        </div>
      </section>

      <LowStock lowStock={summary.lowStock} />
    </div>
  );
}

function PeriodCard({ title, period }: { title: string; period: Period }) {
  return (
    <li className="rounded-md border border-gray-200 p-4">
      <h3 className="font-semibold">{title}</h3>
      <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm">
        <dt className="text-gray-600">Orders placed</dt>
        <dd className="text-right font-medium">{period.placed.toLocaleString("en-US")}</dd>
        <dt className="text-gray-600">Orders paid</dt>
        <dd className="text-right font-medium">{period.paid.toLocaleString("en-US")}</dd>
        <dt className="text-gray-600">Revenue</dt>
        <dd className="text-right font-medium">
          <MoneyList amounts={period.revenue} />
        </dd>
      </dl>
    </li>
  );
}

/** Paid orders per day, and revenue per day in each currency (amounts in two currencies never share an axis). */
function SalesCharts({ summary }: { summary: Summary }) {
  const { series } = summary;
  const first = series[0];
  const last = series.at(-1);
  const span = first && last ? `${longDay.format(first.day)} to ${longDay.format(last.day)}` : "";
  const currencies = currenciesOf(summary);
  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-2">
        <BarChart
          title="Paid orders per day, last 30 days"
          description={`Orders paid each UTC day from ${span}: ${plural(summary.periods.last30Days.paid, "order")} in all.`}
          bars={series.map((day) => ({
            label: longDay.format(day.day),
            tick: shortDay.format(day.day),
            value: day.paid,
            display: plural(day.paid, "order"),
          }))}
        />
        {currencies.map((currency) => (
          <BarChart
            key={currency}
            title={`Revenue per day in ${currency}, last 30 days`}
            description={`Revenue in ${currency} each UTC day from ${span}: ${formatMoney({ amount: revenueIn(summary.periods.last30Days.revenue, currency), currency })} in all.`}
            bars={series.map((day) => {
              const amount = revenueIn(day.revenue, currency);
              return {
                label: longDay.format(day.day),
                tick: shortDay.format(day.day),
                value: amount,
                display: formatMoney({ amount, currency }),
              };
            })}
          />
        ))}
      </div>
      <table className="sr-only">
        <caption>Orders and revenue by UTC day, last 30 days</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Orders placed</th>
            <th scope="col">Orders paid</th>
            {currencies.map((currency) => (
              <th key={currency} scope="col">
                Revenue in {currency}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {series.map((day) => (
            <tr key={day.day.toISOString()}>
              <th scope="row">{longDay.format(day.day)}</th>
              <td>{day.placed}</td>
              <td>{day.paid}</td>
              {currencies.map((currency) => (
                <td key={currency}>{formatMoney({ amount: revenueIn(day.revenue, currency), currency })}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ActionList({
  title,
  total,
  shown,
  empty,
  order,
  children,
}: {
  title: string;
  total: number;
  shown: number;
  empty: string;
  /** Which end of the list is shown when it is longer than `shown`. */
  order: "oldest" | "latest";
  children: ReactNode;
}) {
  return (
    <section className="space-y-2 rounded-md border border-gray-200 p-4">
      <h3 className="font-semibold">
        {title} <span className="font-normal text-gray-600">({total.toLocaleString("en-US")})</span>
      </h3>
      {total === 0 ? (
        <p className="text-sm text-gray-600">{empty}</p>
      ) : (
        <>
          <ul className="space-y-2 text-sm">{children}</ul>
          {total > shown && (
            <p className="text-sm text-gray-600">
              The {shown} {order} of {total.toLocaleString("en-US")}.
            </p>
          )}
        </>
      )}
    </section>
  );
}

function LowStock({ lowStock }: { lowStock: Summary["lowStock"] }) {
  return (
    <section aria-labelledby="low-stock-heading" className="space-y-4">
      <div className="space-y-1">
        <h2 id="low-stock-heading" className="text-xl font-semibold">
          Low stock
        </h2>
        <p className="text-sm text-gray-600">
          Published products’ variants with {lowStock.threshold} or fewer on hand, fewest first
          {lowStock.total > lowStock.variants.length
            ? `: the ${lowStock.variants.length} lowest of ${lowStock.total.toLocaleString("en-US")}${lowStock.totalIsCapped ? "+" : ""}.`
            : "."}
        </p>
      </div>
      {lowStock.total === 0 ? (
        <p className="text-gray-600">Nothing is running low.</p>
      ) : (
        <AdminTable
          caption="Low-stock variants, fewest on hand first"
          columns={["Product", "Variant", "SKU", { label: "On hand", align: "right" }]}
        >
          {lowStock.variants.map((variant) => (
            <tr key={variant.id}>
              <th scope="row" className="py-2 pr-4 font-normal">
                <RecordLink href={adminHref("products", variant.productId)}>{variant.productName}</RecordLink>
              </th>
              <td className="py-2 pr-4">{variant.name}</td>
              <td className="py-2 pr-4 font-mono text-xs">{variant.sku}</td>
              <td
                className={`py-2 text-right font-medium ${variant.stockOnHand === 0 ? "text-red-700" : ""}`}
              >
                {variant.stockOnHand === 0 ? "Sold out" : variant.stockOnHand}
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}
