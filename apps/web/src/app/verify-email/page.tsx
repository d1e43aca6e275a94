import type { Metadata } from "next";

import { LinkProblem } from "~/components/link-problem";

import { ConfirmEmailForm } from "./confirm-form";

// The page a mailed link opens: its token must not reach other sites in a Referer header.
// ("same-origin", not "no-referrer": that would also blank the Origin of this page's form posts,
// which Next refuses for server actions.)
export const metadata: Metadata = {
  title: "Confirm your email",
  referrer: "same-origin",
  robots: { index: false },
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

// Opening the link changes nothing: mail scanners fetch links before people do. The button does.
export default async function VerifyEmailPage({ searchParams }: PageProps<"/verify-email">) {
  const token = first((await searchParams).token);
  return (
    <div className="mx-auto max-w-sm space-y-6">
      <h1 className="text-3xl font-bold">Confirm your email</h1>
      {token ? (
        <>
          <p>One more step: confirm that this address is yours.</p>
          <ConfirmEmailForm token={token} />
        </>
      ) : (
        <LinkProblem retryHref="/sign-in" retryLabel="Sign in to get a new link" />
      )}
    </div>
  );
}
