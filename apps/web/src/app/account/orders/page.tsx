import { formatMoney, ORDER_STATUS_TEXT } from "@bazaar/validators";
import type { Metadata } from "next";
import Link from "next/link";

import { requireSession } from "~/server/session";
import { trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Your orders" };

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export default async function OrdersPage() {
  await requireSession("/account/orders");
  const orders = await trpc.orders.mine();
  return (
    <section aria-labelledby="orders-heading" className="space-y-4">
      <h1 id="orders-heading" className="text-3xl font-bold">
        Your orders
      </h1>
      {orders.length === 0 ? (
        <p className="text-gray-600">
          You have not ordered anything yet.{" "}
          <Link href="/products" className="font-medium text-brand-700 hover:underline">
            Browse products
          </Link>
        </p>
      ) : (
        <ul
          aria-labelledby="orders-heading"
          className="divide-y divide-gray-200 rounded-md border border-gray-200"
        >
          {orders.map((order) => (
            <li key={order.id}>
              <Link
                href={`/orders/${order.id}`}
                className="flex flex-wrap items-center justify-between gap-x-6 gap-y-1 px-4 py-3 hover:bg-gray-50"
              >
                <span className="font-medium">Order {order.number}</span>
                <time dateTime={order.createdAt.toISOString()} className="text-sm text-gray-600">
                  {day.format(order.createdAt)}
                </time>
                <span className="text-sm">{ORDER_STATUS_TEXT[order.status]}</span>
                <span className="font-semibold">
                  {formatMoney({ amount: order.totalAmount, currency: order.currency.trim() })}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
