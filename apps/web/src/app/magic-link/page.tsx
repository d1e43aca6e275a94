import type { Metadata } from "next";

import { LinkProblem } from "~/components/link-problem";

import { MagicLinkSignInForm } from "./magic-link-form";

export const metadata: Metadata = {
  title: "Sign in with your link",
  referrer: "same-origin",
  robots: { index: false },
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

// Like every mailed link, opening it changes nothing (mail scanners open links too): the button does.
export default async function MagicLinkPage({ searchParams }: PageProps<"/magic-link">) {
  const token = first((await searchParams).token);
  return (
    <div className="mx-auto max-w-sm space-y-6">
      <h1 className="text-3xl font-bold">Sign in to Bazaar</h1>
      {token ? (
        <>
          <p>Press the button to sign in on this device. The link works once.</p>
          <MagicLinkSignInForm token={token} />
        </>
      ) : (
        <LinkProblem retryHref="/sign-in" retryLabel="Ask for a new sign-in link" />
      )}
    </div>
  );
}
