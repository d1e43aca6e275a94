import { describeDevice, timeAgo } from "@bazaar/client";
import type { Metadata } from "next";

import { SubmitButton } from "~/components/form";
import { requireSession } from "~/server/session";
import { trpc } from "~/trpc/server";

import { revokeSession } from "./actions";
import { ChangePasswordForm, SignOutElsewhereForm } from "./security-forms";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const session = await requireSession("/account/security");
  const sessions = await trpc.account.sessions();
  const now = new Date();
  const others = sessions.filter((s) => !s.current).length;
  return (
    <>
      <h1 className="text-3xl font-bold">Security</h1>
      <section aria-labelledby="password-heading" className="space-y-4">
        <h2 id="password-heading" className="text-xl font-semibold">
          Password
        </h2>
        <ChangePasswordForm email={session.user.email} />
      </section>
      <section aria-labelledby="sessions-heading" className="space-y-4">
        <h2 id="sessions-heading" className="text-xl font-semibold">
          Where you are signed in
        </h2>
        <ul
          aria-labelledby="sessions-heading"
          className="divide-y divide-gray-200 rounded-md border border-gray-200"
        >
          {sessions.map((s) => {
            const device = describeDevice(s.userAgent);
            return (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                <div className="space-y-1">
                  <p className="font-medium">
                    {device}
                    {s.kind === "BEARER" && <span className="text-gray-600"> (app)</span>}
                    {s.current && (
                      <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-900">
                        This device
                      </span>
                    )}
                  </p>
                  <p className="text-sm text-gray-600">
                    Last used <time dateTime={s.lastUsedAt.toISOString()}>{timeAgo(s.lastUsedAt, now)}</time>
                    {" · "}signed in{" "}
                    <time dateTime={s.createdAt.toISOString()}>{timeAgo(s.createdAt, now)}</time>
                    {s.ip && <> · IP address {s.ip}</>}
                  </p>
                </div>
                {!s.current && (
                  <form action={revokeSession}>
                    <input type="hidden" name="sessionId" value={s.id} />
                    <SubmitButton
                      variant="secondary"
                      aria-label={`Sign out ${device}, last used ${timeAgo(s.lastUsedAt, now)}`}
                    >
                      Sign out
                    </SubmitButton>
                  </form>
                )}
              </li>
            );
          })}
        </ul>
        {others === 0 && <p className="text-sm text-gray-600">You are not signed in anywhere else.</p>}
        <SignOutElsewhereForm />
      </section>
    </>
  );
}
