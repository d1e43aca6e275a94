import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { ActionButtons } from "~/components/admin/action-buttons";
import { AdminTable } from "~/components/admin/admin-table";
import { Pager, RefusedAddress } from "~/components/admin/pager";
import { param, readTable } from "~/components/admin/table-query";
import { requireStaff } from "~/server/session";
import { trpc } from "~/trpc/server";

import { revokeApiKey } from "./actions";
import { NewKeyForm } from "./new-key-form";
import { SCOPE_DESCRIPTIONS } from "./scopes";

export const metadata: Metadata = { title: "API keys", robots: { index: false } };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Admins make, see and revoke the REST API's keys; staff get a 404 like anyone else. */
export default async function ApiKeysPage({ searchParams }: PageProps<"/admin/api-keys">) {
  const session = await requireStaff("/admin/api-keys");
  if (session.user.role !== "ADMIN") notFound();
  const cursor = param((await searchParams).cursor);
  const { data: keys, refused } = await readTable(() => trpc.admin.apiKeys.list({ cursor, limit: 25 }));
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold">API keys</h1>
      <section aria-labelledby="new-key-heading" className="max-w-xl space-y-4">
        <h2 id="new-key-heading" className="text-xl font-semibold">
          New key
        </h2>
        <NewKeyForm />
      </section>
      <section aria-labelledby="keys-heading" className="space-y-4">
        <h2 id="keys-heading" className="text-xl font-semibold">
          Keys
        </h2>
        {refused ? (
          <RefusedAddress firstPage="/admin/api-keys" />
        ) : keys.items.length === 0 ? (
          <p className="text-gray-600">No keys yet.</p>
        ) : (
          <AdminTable
            caption="API keys, newest first"
            columns={["Name", "Starts with", "May", "Made", "Last used", "Status"]}
          >
            {keys.items.map((key) => (
              <tr key={key.id} className="align-top">
                <th scope="row" className="py-2 pr-4 font-medium">
                  {key.name}
                </th>
                <td className="py-2 pr-4 font-mono">{key.prefix}…</td>
                <td className="py-2 pr-4">
                  <ul>
                    {key.scopes.map((scope) => (
                      <li key={scope}>{SCOPE_DESCRIPTIONS[scope]}</li>
                    ))}
                  </ul>
                </td>
                <td className="py-2 pr-4">
                  <time dateTime={key.createdAt.toISOString()}>{when.format(key.createdAt)}</time>
                  {key.createdBy && (
                    <span className="block text-xs text-gray-500">{key.createdBy.email}</span>
                  )}
                </td>
                <td className="py-2 pr-4">
                  {key.lastUsedAt ? (
                    <time dateTime={key.lastUsedAt.toISOString()}>{when.format(key.lastUsedAt)}</time>
                  ) : (
                    "Never"
                  )}
                </td>
                <td className="py-2">
                  {key.revokedAt ? (
                    <>
                      Revoked <time dateTime={key.revokedAt.toISOString()}>{when.format(key.revokedAt)}</time>
                    </>
                  ) : (
                    <ActionButtons
                      action={revokeApiKey}
                      hidden={{ apiKeyId: key.id }}
                      label={`Revoke ${key.name}`}
                      buttons={[{ label: "Revoke", variant: "danger", ariaLabel: `Revoke ${key.name}` }]}
                    />
                  )}
                </td>
              </tr>
            ))}
          </AdminTable>
        )}
        {keys && (
          <Pager pathname="/admin/api-keys" cursor={cursor} page={keys} noun={{ one: "key", many: "keys" }} />
        )}
      </section>
    </div>
  );
}
