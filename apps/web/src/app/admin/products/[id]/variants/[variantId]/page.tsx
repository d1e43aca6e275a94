import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { AdminTable } from "~/components/admin/admin-table";
import { adminHref } from "~/components/admin/links";
import { Pager, RefusedAddress } from "~/components/admin/pager";
import { param, readTable } from "~/components/admin/table-query";
import { orNotFound } from "~/server/or-not-found";
import { requireStaff } from "~/server/session";
import { trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Stock ledger", robots: { index: false } };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const REASON_NAMES = {
  OPENING: "Opening stock",
  RECEIVED: "Received",
  DAMAGED: "Damaged",
  CORRECTION: "Correction",
  RETURNED: "Returned",
  SOLD: "Sold",
  RELEASED: "Released (order not paid or cancelled)",
} as const;

/** Every movement of one variant's stock, newest first, with the figure after each. */
export default async function StockLedgerPage({
  params,
  searchParams,
}: PageProps<"/admin/products/[id]/variants/[variantId]">) {
  const { id, variantId } = await params;
  const here = `${adminHref("products", id)}/variants/${encodeURIComponent(variantId)}`;
  await requireStaff(here);
  const cursor = param((await searchParams).cursor);
  const product = await orNotFound(trpc.admin.products.get({ productId: id }));
  const variant = product.variants.find((v) => v.id === variantId);
  if (!variant) notFound();
  const { data: ledger, refused } = await readTable(() =>
    trpc.admin.stock.movements({ variantId, cursor, limit: 50 }),
  );
  return (
    <section aria-labelledby="ledger-heading" className="space-y-6">
      <p className="text-sm">
        <Link href={adminHref("products", id)} className="text-brand-700 hover:underline">
          ← {product.name}
        </Link>
      </p>
      <div className="space-y-1">
        <h1 id="ledger-heading" className="text-3xl font-bold">
          Stock ledger: {variant.sku}
        </h1>
        <p className="text-gray-600">
          {variant.name} · <strong className="text-gray-900">{variant.stockOnHand}</strong> on hand
        </p>
      </div>
      {refused ? (
        <RefusedAddress firstPage={here} linkText="Start from the newest movement" />
      ) : ledger.items.length === 0 ? (
        <p className="text-gray-600">No stock has moved yet.</p>
      ) : (
        <>
          <AdminTable
            caption={`Stock movements of ${variant.sku}, newest first`}
            regionLabel="Stock movements"
            columns={[
              "When",
              "Reason",
              { label: "Change", align: "right" },
              { label: "On hand after", align: "right" },
              "By",
              "Note",
            ]}
          >
            {ledger.items.map((movement) => (
              <tr key={movement.id} className="align-top">
                <th scope="row" className="py-2 pr-4 font-normal whitespace-nowrap">
                  <time dateTime={movement.createdAt.toISOString()}>{when.format(movement.createdAt)}</time>
                </th>
                <td className="py-2 pr-4">{REASON_NAMES[movement.reason]}</td>
                <td className="py-2 pr-4 text-right tabular-nums">
                  {movement.delta > 0 ? `+${movement.delta}` : movement.delta}
                </td>
                <td className="py-2 pr-4 text-right tabular-nums">{movement.balanceAfter}</td>
                <td className="py-2 pr-4">
                  {movement.orderId ? (
                    <Link
                      href={adminHref("orders", movement.orderId)}
                      className="text-brand-700 hover:underline"
                    >
                      An order
                    </Link>
                  ) : (
                    (movement.actorEmail ?? "—")
                  )}
                </td>
                <td className="py-2">{movement.note ?? ""}</td>
              </tr>
            ))}
          </AdminTable>
          <Pager
            pathname={here}
            cursor={cursor}
            page={ledger}
            noun={{ one: "movement", many: "movements" }}
          />
        </>
      )}
    </section>
  );
}
