import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { ActionButtons } from "~/components/admin/action-buttons";
import { Pager } from "~/components/admin/pager";
import { param, readTable } from "~/components/admin/table-query";
import { ProblemAlert } from "~/components/problem-alert";
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
          <ProblemAlert message="This page’s address is not valid any more.">
            <Link href="/admin/api-keys" className="font-medium underline">
              Start from the first page
            </Link>
          </ProblemAlert>
        ) : keys.items.length === 0 ? (
          <p className="text-gray-600">No keys yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">API keys, newest first</caption>
              <thead className="border-b border-gray-200 text-gray-600">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Name
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Starts with
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    May
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Made
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Last used
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    Status
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-gray-100">
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
                          Revoked{" "}
                          <time dateTime={key.revokedAt.toISOString()}>{when.format(key.revokedAt)}</time>
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
              </tbody>
            </table>
          </div>
        )}
        {keys && (
          <Pager
            pathname="/admin/api-keys"
            params={{}}
            cursor={cursor}
            nextCursor={keys.nextCursor}
            total={keys.total}
            shown={keys.items.length}
            noun={{ one: "key", many: "keys" }}
          />
        )}
      </section>
    </div>
  );
}
