import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { AdminTable, RecordLink } from "~/components/admin/admin-table";
import { Pager, RefusedAddress } from "~/components/admin/pager";
import { param, readTable } from "~/components/admin/table-query";
import { requireStaff } from "~/server/session";
import { trpc } from "~/trpc/server";

import { EVENT_DESCRIPTIONS } from "./events";
import { When } from "./format";
import { endpointHref } from "./links";
import { NewEndpointForm } from "./new-endpoint-form";

export const metadata: Metadata = { title: "Webhooks", robots: { index: false } };

// What an action that redirected here did (its page went with what it removed).
const DONE: Record<string, string> = { deleted: "Endpoint deleted, with its deliveries." };

/**
 * Admins register the endpoints the shop sends signed events to and see them listed; staff get a
 * 404 like anyone else (endpoints receive orders and customers' emails).
 */
export default async function WebhooksPage({ searchParams }: PageProps<"/admin/webhooks">) {
  const session = await requireStaff("/admin/webhooks");
  if (session.user.role !== "ADMIN") notFound();
  const query = await searchParams;
  const cursor = param(query.cursor);
  const done = DONE[param(query.done) ?? ""];
  const { data: endpoints, refused } = await readTable(() => trpc.admin.webhooks.list({ cursor, limit: 25 }));
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold">Webhooks</h1>
      <p
        role="status"
        className={
          done ? "rounded-md border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-brand-900" : undefined
        }
      >
        {done}
      </p>
      <p className="max-w-2xl text-gray-700">
        The shop tells other systems what happens in it by sending each event it is asked for to an endpoint,
        as a signed POST, and tries again with growing waits until the endpoint answers with a 2xx status.
      </p>
      <section aria-labelledby="new-endpoint-heading" className="max-w-xl space-y-4">
        <h2 id="new-endpoint-heading" className="text-xl font-semibold">
          New endpoint
        </h2>
        <NewEndpointForm />
      </section>
      <section aria-labelledby="endpoints-heading" className="space-y-4">
        <h2 id="endpoints-heading" className="text-xl font-semibold">
          Endpoints
        </h2>
        {refused ? (
          <RefusedAddress firstPage="/admin/webhooks" />
        ) : endpoints.items.length === 0 ? (
          <p className="text-gray-600">No endpoints yet.</p>
        ) : (
          <AdminTable caption="Webhook endpoints, newest first" columns={["URL", "Events", "Status", "Made"]}>
            {endpoints.items.map((endpoint) => (
              <tr key={endpoint.id} className="align-top">
                <th scope="row" className="max-w-md py-2 pr-4 font-normal break-all">
                  <RecordLink href={endpointHref(endpoint.id)}>{endpoint.url}</RecordLink>
                  {endpoint.description && (
                    <span className="block text-xs break-normal text-gray-600">{endpoint.description}</span>
                  )}
                </th>
                <td className="py-2 pr-4">
                  <ul>
                    {endpoint.events.map((event) => (
                      <li key={event}>
                        <code title={EVENT_DESCRIPTIONS[event]}>{event}</code>
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="py-2 pr-4">
                  {endpoint.disabledAt ? (
                    <>
                      Disabled
                      <span className="block text-xs text-gray-600">
                        since <When at={endpoint.disabledAt} />
                      </span>
                    </>
                  ) : (
                    "Enabled"
                  )}
                </td>
                <td className="py-2">
                  <When at={endpoint.createdAt} />
                  {endpoint.createdBy && (
                    <span className="block text-xs text-gray-600">by {endpoint.createdBy.email}</span>
                  )}
                </td>
              </tr>
            ))}
          </AdminTable>
        )}
        {endpoints && (
          <Pager
            pathname="/admin/webhooks"
            cursor={cursor}
            page={endpoints}
            noun={{ one: "endpoint", many: "endpoints" }}
          />
        )}
      </section>
    </div>
  );
}
