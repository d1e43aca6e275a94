import type { Metadata, Route } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { ActionButtons } from "~/components/admin/action-buttons";
import { AdminTable, RecordLink } from "~/components/admin/admin-table";
import { Pager } from "~/components/admin/pager";
import { param, readTable } from "~/components/admin/table-query";
import { ProblemAlert } from "~/components/problem-alert";
import { orNotFound } from "~/server/or-not-found";
import { requireStaff } from "~/server/session";
import { trpc } from "~/trpc/server";

import { deleteWebhookEndpoint, setWebhookEndpointEnabled } from "../actions";
import { DeliveryState, When, type DeliveryStatus } from "../format";
import { deliveryHref, endpointHref } from "../links";
import { RotateSecretForm } from "./rotate-secret-form";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Webhook endpoint", robots: { index: false } };

/** The deliveries table's filter, as it reads in the URL (?status=failed) and on the page. */
const FILTERS = [
  { value: undefined, label: "All" },
  { value: "pending", label: "Pending" },
  { value: "succeeded", label: "Succeeded" },
  { value: "failed", label: "Failed" },
] as const;

const cell = "py-2 pr-4";

/** One endpoint: its settings, how to verify what it receives, its deliveries, and deleting it. */
export default async function WebhookEndpointPage({
  params,
  searchParams,
}: PageProps<"/admin/webhooks/[id]">) {
  const { id } = await params;
  const session = await requireStaff(endpointHref(id));
  if (session.user.role !== "ADMIN") notFound();
  const [endpoint, query] = await Promise.all([
    orNotFound(trpc.admin.webhooks.get({ endpointId: id })),
    searchParams,
  ]);
  const status = param(query.status)?.toLowerCase();
  const cursor = param(query.cursor);
  // The procedure's schema judges the value: one it does not know is shown as a refused address.
  const { data: deliveries, refused } = await readTable(() =>
    trpc.admin.webhooks.deliveries({
      endpointId: endpoint.id,
      status: status?.toUpperCase() as DeliveryStatus | undefined,
      cursor,
      limit: 25,
    }),
  );
  const href = endpointHref(endpoint.id);
  const filterHref = (value: string | undefined) => (value ? (`${href}?status=${value}` as Route) : href);
  const filterName = FILTERS.find((filter) => filter.value === status)?.label.toLowerCase();
  return (
    <div className="space-y-10">
      <section aria-labelledby="endpoint-heading" className="space-y-4">
        <p className="text-sm">
          <Link href="/admin/webhooks" className="text-brand-700 hover:underline">
            ← Webhooks
          </Link>
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 id="endpoint-heading" className="text-2xl font-bold break-all">
            {endpoint.url}
          </h1>
          <span
            className={`rounded px-2 py-0.5 text-sm font-medium ${endpoint.disabledAt ? "bg-gray-100 text-gray-800" : "bg-green-50 text-green-900"}`}
          >
            {endpoint.disabledAt ? "Disabled" : "Enabled"}
          </span>
        </div>
        <dl className="grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          {endpoint.description && (
            <>
              <dt className="font-medium text-gray-600">Description</dt>
              <dd>{endpoint.description}</dd>
            </>
          )}
          <dt className="font-medium text-gray-600">Made</dt>
          <dd>
            <When at={endpoint.createdAt} />
            {endpoint.createdBy && <> by {endpoint.createdBy.email}</>}
          </dd>
          {endpoint.disabledAt && (
            <>
              <dt className="font-medium text-gray-600">Disabled</dt>
              <dd>
                <When at={endpoint.disabledAt} />
              </dd>
            </>
          )}
        </dl>
        <ActionButtons
          action={setWebhookEndpointEnabled}
          hidden={{ endpointId: endpoint.id }}
          label="Enable or disable"
          buttons={[
            endpoint.disabledAt
              ? { label: "Enable", name: "enabled", value: "true", variant: "primary" }
              : { label: "Disable", name: "enabled", value: "false" },
          ]}
        />
      </section>

      <section aria-labelledby="settings-heading" className="space-y-4">
        <h2 id="settings-heading" className="text-xl font-semibold">
          Settings
        </h2>
        <SettingsForm endpoint={endpoint} />
      </section>

      <section aria-labelledby="secret-heading" className="space-y-4">
        <h2 id="secret-heading" className="text-xl font-semibold">
          Signing secret
        </h2>
        <p className="max-w-2xl text-sm text-gray-800">
          {endpoint.previousSecretExpiresAt ? (
            <>
              The secret was rotated: until <When at={endpoint.previousSecretExpiresAt} /> each delivery is
              signed with the new secret and with the one before it.
            </>
          ) : (
            <>
              Rotating makes a new secret, shown once. The old one keeps signing beside it for the time you
              choose, so the receiver can move to the new one first.
            </>
          )}
        </p>
        <RotateSecretForm endpointId={endpoint.id} />
      </section>

      <section aria-labelledby="verify-heading" className="max-w-2xl space-y-3 text-sm text-gray-800">
        <h2 id="verify-heading" className="text-xl font-semibold text-gray-900">
          Verifying deliveries
        </h2>
        <p>
          Each delivery is a POST with a JSON body (<code>id</code>, <code>type</code>, <code>createdAt</code>
          , <code>data</code>) and the headers <code>bazaar-event</code>, <code>bazaar-event-id</code>,{" "}
          <code>bazaar-delivery</code> and <code>bazaar-signature</code>, which reads{" "}
          <code className="break-all">t=&lt;unix seconds&gt;,v1=&lt;signature&gt;</code>. After a rotation,
          for its grace period, it carries one <code>v1</code> for each secret,{" "}
          <code className="break-all">t=…,v1=&lt;new&gt;,v1=&lt;old&gt;</code>: accept the delivery when any
          of them matches.
        </p>
        <p>
          The signature is the hex HMAC-SHA256, keyed with the endpoint’s signing secret (shown once, when the
          endpoint was added or its secret rotated), of <code>t</code>, a full stop and the raw body as
          received: <code>&lt;t&gt;.&lt;body&gt;</code>. Compute it over the bytes before parsing them,
          compare in constant time, and refuse a <code>t</code> more than five minutes from now.
        </p>
        <p>
          A retry or a replay carries the same <code>bazaar-event-id</code> (the body’s <code>id</code>): skip
          an event already handled. Any 2xx answer within 10 seconds delivers it; anything else (another
          status, a redirect, which is not followed, or no answer) is tried again after 30 seconds, then 1
          minute, 2 minutes and so on, up to 8 tries.
        </p>
      </section>

      <section aria-labelledby="deliveries-heading" className="space-y-4">
        <h2 id="deliveries-heading" className="text-xl font-semibold">
          Deliveries
        </h2>
        <nav aria-label="Show deliveries">
          <ul className="flex flex-wrap gap-2 text-sm">
            {FILTERS.map((filter) => {
              const current = filter.value === status;
              return (
                <li key={filter.label}>
                  <Link
                    href={filterHref(filter.value)}
                    aria-current={current ? "true" : undefined}
                    className={`block rounded-md border px-3 py-1.5 ${current ? "border-brand-700 bg-brand-50 font-medium text-brand-900" : "border-gray-300 hover:bg-gray-50"}`}
                  >
                    {filter.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        {refused ? (
          <ProblemAlert message="This filter or page is not valid.">
            <Link href={href} className="font-medium underline">
              Show all deliveries
            </Link>
          </ProblemAlert>
        ) : deliveries.items.length === 0 ? (
          <p className="text-gray-600">
            {filterName && status ? `No ${filterName} deliveries.` : "No deliveries yet."}
          </p>
        ) : (
          <AdminTable
            caption={
              <>{filterName && status ? `Deliveries (${filterName} only)` : "Deliveries"}, newest first</>
            }
            columns={[
              "Delivery",
              "Event",
              "Event id",
              "Status",
              { label: "Tries", align: "right" },
              { label: "Last HTTP status", align: "right" },
              "Created",
            ]}
          >
            {deliveries.items.map((delivery) => (
              <tr key={delivery.id} className="align-top">
                <th scope="row" className={`${cell} font-normal`}>
                  <RecordLink href={deliveryHref(delivery.id)} mono>
                    {delivery.id}
                  </RecordLink>
                </th>
                <td className={cell}>
                  <code>{delivery.event}</code>
                  {delivery.replayOfId && <span className="block text-xs text-gray-600">replay</span>}
                </td>
                <td className={`${cell} font-mono text-xs break-all`}>{delivery.eventId}</td>
                <td className={cell}>
                  <DeliveryState status={delivery.status} nextAttemptAt={delivery.nextAttemptAt} />
                </td>
                <td className={`${cell} text-right tabular-nums`}>{delivery.attempts}</td>
                <td className={`${cell} text-right tabular-nums`}>{delivery.lastStatusCode ?? "—"}</td>
                <td className="py-2">
                  <When at={delivery.createdAt} precise />
                </td>
              </tr>
            ))}
          </AdminTable>
        )}
        {deliveries && (
          <Pager
            pathname={href}
            params={{ status }}
            cursor={cursor}
            page={deliveries}
            noun={{ one: "delivery", many: "deliveries" }}
          />
        )}
      </section>

      <section
        aria-labelledby="delete-heading"
        className="max-w-xl space-y-3 rounded-md border border-red-200 p-4"
      >
        <h2 id="delete-heading" className="text-xl font-semibold">
          Delete endpoint
        </h2>
        <p className="text-sm text-gray-800">
          Deleting cannot be undone: the endpoint and its whole delivery log are removed, and no more events
          are sent to it. To stop sending for a while, disable it instead.
        </p>
        <ActionButtons
          action={deleteWebhookEndpoint}
          hidden={{ endpointId: endpoint.id }}
          label="Delete endpoint"
          buttons={[
            { label: "Delete endpoint", variant: "danger", ariaLabel: `Delete endpoint ${endpoint.url}` },
          ]}
        />
      </section>
    </div>
  );
}
