import type { Metadata } from "next";

import { requireStaff } from "~/server/session";
import { trpc } from "~/trpc/server";

import { UsersTable } from "./users-table";

export const metadata: Metadata = { title: "Admin", robots: { index: false } };

const ROLE_NAMES = { CUSTOMER: "Customer", STAFF: "Staff", ADMIN: "Admin" } as const;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

// The console's home. Staff and admins only; anyone else gets a 404 (requireStaff).
export default async function AdminHomePage({ searchParams }: PageProps<"/admin">) {
  const { user } = await requireStaff("/admin");
  const search = (first((await searchParams).search) ?? "").trim().slice(0, 254);
  const users = user.role === "ADMIN" ? await trpc.users.list({ search: search || undefined }) : null;
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
      {users && <UsersTable users={users} search={search} />}
    </div>
  );
}
