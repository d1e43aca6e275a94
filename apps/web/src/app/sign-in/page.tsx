import type { Metadata, Route } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { APP_SIGN_IN_FINISH_PATH, pendingAppSignIn } from "~/server/app-sign-in";
import { authEnv } from "~/server/auth";

import { safeNextPath } from "./next-path";
import { OAuthButtons, OAuthError } from "./oauth-buttons";
import { MagicLinkForm, PasswordSignInForm } from "./sign-in-forms";

export const metadata: Metadata = { title: "Sign in" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** What the pages that send people here (`?verified=1` and so on) want them to know. */
function notice(params: Record<string, string | string[] | undefined>): string | null {
  if (first(params.verified) === "1") return "Your email is confirmed. Sign in to continue.";
  if (first(params.reset) === "1") return "Your password was changed. Sign in with your new password.";
  if (first(params.deleted) === "1") return "Your account was deleted. Thank you for shopping with us.";
  return null;
}

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const params = await searchParams;
  // next-auth refused an OAuth sign-in (it sends refusals here) that the phone app started in this
  // browser: the app hears "access_denied" rather than the user being left on this page.
  if (first(params.error) && (await pendingAppSignIn(authEnv()))) {
    redirect(`${APP_SIGN_IN_FINISH_PATH}?error=access_denied` as Route);
  }
  const next = safeNextPath(first(params.next));
  const message = notice(params);
  return (
    <div className="mx-auto max-w-sm space-y-6">
      <h1 className="text-3xl font-bold">Sign in</h1>
      {message && (
        <p
          role="status"
          className="rounded-md border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-brand-900"
        >
          {message}
        </p>
      )}
      <OAuthError code={first(params.error)} />
      <PasswordSignInForm next={next} />
      <p className="text-sm text-gray-600">
        New to Bazaar?{" "}
        <Link href="/sign-up" className="font-medium text-brand-700 hover:underline">
          Create an account
        </Link>
      </p>
      <hr className="border-gray-200" />
      <MagicLinkForm />
      <OAuthButtons next={first(params.next)} />
    </div>
  );
}
