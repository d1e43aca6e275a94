import type { RouterOutputs } from "@bazaar/api";
import Form from "next/form";

import { RoleForm } from "./role-form";

type User = RouterOutputs["users"]["list"][number];

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** People with accounts (the newest 50, or those matching the search), each with a role picker. */
export function UsersTable({ users, search }: { users: User[]; search: string }) {
  return (
    <section aria-labelledby="users-heading" className="space-y-4">
      <h2 id="users-heading" className="text-xl font-semibold">
        Users
      </h2>
      <Form action="/admin" role="search" className="flex max-w-md gap-2">
        <label htmlFor="user-search" className="sr-only">
          Search users
        </label>
        <input
          id="user-search"
          name="search"
          type="search"
          defaultValue={search}
          maxLength={254}
          placeholder="Email or name"
          className="min-w-0 flex-1 rounded-md border border-gray-300 px-3 py-2"
        />
        <button
          type="submit"
          className="rounded-md border border-gray-300 px-4 py-2 font-medium hover:bg-gray-50 focus:outline-2 focus:outline-offset-2 focus:outline-brand-700"
        >
          Search
        </button>
      </Form>
      {users.length === 0 ? (
        <p className="text-gray-600">No users match “{search}”.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{search ? `Users matching “${search}”` : "Newest users"}</caption>
            <thead className="border-b border-gray-200 text-gray-600">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Email
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Name
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Joined
                </th>
                <th scope="col" className="py-2 font-medium">
                  Role
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {users.map((user) => (
                <tr key={user.id} className="align-top">
                  <th scope="row" className="py-2 pr-4 font-normal break-all">
                    {user.email}
                    {!user.emailVerified && (
                      <span className="block text-xs text-gray-500">not confirmed</span>
                    )}
                  </th>
                  <td className="py-2 pr-4">{user.name ?? "—"}</td>
                  <td className="py-2 pr-4 whitespace-nowrap">
                    <time dateTime={user.createdAt.toISOString()}>{day.format(user.createdAt)}</time>
                  </td>
                  <td className="py-2">
                    <RoleForm userId={user.id} email={user.email} role={user.role} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
