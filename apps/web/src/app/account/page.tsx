import type { Metadata } from "next";

import { requireSession } from "~/server/session";
import { trpc } from "~/trpc/server";

import { ProfileForm } from "./profile-form";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  await requireSession("/account");
  const me = await trpc.account.me();
  return (
    <>
      <section aria-labelledby="account-heading" className="space-y-4">
        <h1 id="account-heading" className="text-3xl font-bold">
          Your account
        </h1>
        <dl className="grid max-w-md grid-cols-[auto_1fr] gap-x-6 gap-y-2">
          <dt className="font-medium text-gray-600">Email</dt>
          <dd className="break-all">{me.email}</dd>
          <dt className="font-medium text-gray-600">Status</dt>
          <dd>{me.emailVerified ? "Confirmed" : "Not confirmed yet"}</dd>
        </dl>
      </section>
      <section aria-labelledby="profile-heading" className="space-y-4">
        <h2 id="profile-heading" className="text-xl font-semibold">
          Profile
        </h2>
        <ProfileForm name={me.name ?? ""} />
      </section>
    </>
  );
}
