import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { AdminTable } from "~/components/admin/admin-table";
import { orNotFound } from "~/server/or-not-found";
import { requireStaff } from "~/server/session";
import { trpc } from "~/trpc/server";

import { DeliveryState, When } from "../../format";
import { deliveryHref, endpointHref } from "../../links";
import { ReplayForm } from "./replay-form";

export const metadata: Metadata = { title: "Webhook delivery", robots: { index: false } };

const cell = "py-2 pr-4";

/** One delivery: where it went, its state, the body as sent, every try, and sending it again. */
export default async function WebhookDeliveryPage({
  params,
}: PageProps<"/admin/webhooks/deliveries/[deliveryId]">) {
  const { deliveryId } = await params;
  const session = await requireStaff(deliveryHref(deliveryId));
  if (session.user.role !== "ADMIN") notFound();
  const delivery = await orNotFound(trpc.admin.webhooks.delivery({ deliveryId }));
  return (
    <div className="space-y-10">
      <section aria-labelledby="delivery-heading" className="space-y-4">
        <nav aria-label="Breadcrumb" className="text-sm">
          <ol className="flex flex-wrap gap-x-2">
            <li>
              <Link href="/admin/webhooks" className="text-brand-700 hover:underline">
                Webhooks
              </Link>
              <span aria-hidden="true" className="pl-2 text-gray-500">
                ›
              </span>
            </li>
            <li className="break-all">
              <Link href={endpointHref(delivery.endpoint.id)} className="text-brand-700 hover:underline">
                {delivery.endpoint.url}
              </Link>
            </li>
          </ol>
        </nav>
        <h1 id="delivery-heading" className="text-2xl font-bold">
          Delivery <span className="font-mono break-all">{delivery.id}</span>
        </h1>
        <dl className="grid max-w-3xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="font-medium text-gray-600">Event</dt>
          <dd>
            <code>{delivery.event}</code>
          </dd>
          <dt className="font-medium text-gray-600">Event id</dt>
          <dd className="font-mono break-all">{delivery.eventId}</dd>
          <dt className="font-medium text-gray-600">Status</dt>
          <dd>
            <DeliveryState status={delivery.status} nextAttemptAt={delivery.nextAttemptAt} />
          </dd>
          <dt className="font-medium text-gray-600">Tries</dt>
          <dd className="tabular-nums">{delivery.attempts}</dd>
          <dt className="font-medium text-gray-600">Created</dt>
          <dd>
            <When at={delivery.createdAt} precise />
          </dd>
          {delivery.deliveredAt && (
            <>
              <dt className="font-medium text-gray-600">Delivered</dt>
              <dd>
                <When at={delivery.deliveredAt} precise />
              </dd>
            </>
          )}
          {delivery.replayOfId && (
            <>
              <dt className="font-medium text-gray-600">Replay of</dt>
              <dd>
                <Link
                  href={deliveryHref(delivery.replayOfId)}
                  className="font-mono text-brand-700 hover:underline"
                >
                  {delivery.replayOfId}
                </Link>
              </dd>
            </>
          )}
        </dl>
      </section>

      <section aria-labelledby="replay-heading" className="max-w-xl space-y-3">
        <h2 id="replay-heading" className="text-xl font-semibold">
          Send again
        </h2>
        <p className="text-sm text-gray-700">
          Sends the same event (the same body and event id) to the endpoint as a new delivery, whatever became
          of this one. Receivers that skip events they have seen will skip it too.
        </p>
        <ReplayForm deliveryId={delivery.id} endpointId={delivery.endpoint.id} />
      </section>

      <section aria-labelledby="body-heading" className="space-y-3">
        <h2 id="body-heading" className="text-xl font-semibold">
          Body
        </h2>
        <p className="text-sm text-gray-700">
          As sent, here laid out to read: the signature covers the compact JSON the endpoint received.
        </p>
        <pre className="rounded-md border border-gray-200 bg-gray-50 p-4 font-mono text-sm break-words whitespace-pre-wrap">
          {JSON.stringify(delivery.payload, null, 2)}
        </pre>
      </section>

      <section aria-labelledby="tries-heading" className="space-y-3">
        <h2 id="tries-heading" className="text-xl font-semibold">
          Tries
        </h2>
        {delivery.log.length === 0 ? (
          <p className="text-gray-600">Not tried yet.</p>
        ) : (
          <AdminTable
            caption="Tries of this delivery, oldest first"
            columns={[
              "Try",
              "When",
              "Answer",
              { label: "Took", align: "right" },
              "Start of the response body",
            ]}
          >
            {delivery.log.map((attempt) => (
              <tr key={attempt.id} className="align-top">
                <th scope="row" className={`${cell} font-medium tabular-nums`}>
                  {attempt.number}
                </th>
                <td className={cell}>
                  <When at={attempt.createdAt} precise />
                </td>
                <td className={cell}>
                  {attempt.statusCode !== null ? `HTTP ${attempt.statusCode}` : "No answer"}
                  {attempt.error && <span className="block text-red-700">{attempt.error}</span>}
                </td>
                <td className={`${cell} text-right whitespace-nowrap tabular-nums`}>
                  {attempt.durationMs.toLocaleString("en-US")} ms
                </td>
                <td className="max-w-md py-2">
                  {attempt.response ? (
                    <pre className="font-mono text-xs break-all whitespace-pre-wrap">{attempt.response}</pre>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </AdminTable>
        )}
      </section>
    </div>
  );
}
