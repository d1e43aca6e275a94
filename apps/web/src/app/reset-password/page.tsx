import type { Metadata } from "next";

import { LinkProblem } from "~/components/link-problem";

import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = {
  title: "Choose a new password",
  referrer: "same-origin",
  robots: { index: false },
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function ResetPasswordPage({ searchParams }: PageProps<"/reset-password">) {
  const token = first((await searchParams).token);
  return (
    <div className="mx-auto max-w-sm space-y-6">
      <h1 className="text-3xl font-bold">Choose a new password</h1>
      {token ? (
        <>
          <p className="text-gray-600">
            Once it is set, you will be signed out everywhere and can sign in with it.
          </p>
          <ResetPasswordForm token={token} />
        </>
      ) : (
        <LinkProblem retryHref="/forgot-password" retryLabel="Ask for a new link" />
      )}
    </div>
  );
}
