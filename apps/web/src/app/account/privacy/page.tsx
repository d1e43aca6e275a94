import type { Metadata } from "next";

import { requireSession } from "~/server/session";
import { trpc } from "~/trpc/server";

import { DeleteAccountForm } from "./delete-account-form";

export const metadata: Metadata = { title: "Privacy" };

export default async function PrivacyPage() {
  await requireSession("/account/privacy");
  const me = await trpc.account.me();
  return (
    <>
      <h1 className="text-3xl font-bold">Privacy</h1>
      <section aria-labelledby="export-heading" className="space-y-3">
        <h2 id="export-heading" className="text-xl font-semibold">
          Your data
        </h2>
        <p className="max-w-prose text-gray-600">
          Download everything Bazaar holds about you as one JSON file: your profile, how you sign in, where
          you are signed in, and your account&apos;s activity. Passwords and keys are never included.
        </p>
        {/* A plain form: the route handler answers with the file, which the browser saves. */}
        <form method="post" action="/account/export">
          <button
            type="submit"
            className="rounded-md border border-gray-300 bg-white px-4 py-2 font-medium hover:bg-gray-50 focus:outline-2 focus:outline-offset-2 focus:outline-brand-700"
          >
            Download my data
          </button>
        </form>
      </section>
      <section aria-labelledby="delete-heading" className="space-y-3">
        <h2 id="delete-heading" className="text-xl font-semibold">
          Delete your account
        </h2>
        <p className="max-w-prose text-gray-600">
          This signs you out everywhere and erases your name, email and sign-in methods. Records the law
          requires us to keep, such as orders, stay without your personal details. It cannot be undone.
        </p>
        <DeleteAccountForm hasPassword={me.hasPassword} />
      </section>
    </>
  );
}
