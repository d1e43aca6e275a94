// "Continue with <provider>" buttons for the OAuth / OpenID Connect providers the environment
// configures, and the message for a sign-in that came back refused. A server component: each
// button is a plain form, so it works before (or without) JavaScript.
import { configuredProviders, SIGN_IN_ERROR_NO_EMAIL } from "@bazaar/auth";
import { redirect } from "next/navigation";

import { authEnv, signIn } from "~/server/auth";

import { safeNextPath } from "./next-path";

async function continueWithProvider(form: FormData) {
  "use server";
  const provider = form.get("provider");
  if (typeof provider !== "string" || !configuredProviders(authEnv()).some((p) => p.id === provider)) {
    redirect("/sign-in");
  }
  // Redirects to the provider (next-auth throws Next's redirect; it must not be caught).
  await signIn(provider, { redirectTo: safeNextPath(form.get("next")) ?? "/" });
}

export function OAuthButtons({ next }: { next?: string }) {
  const providers = configuredProviders(authEnv());
  if (providers.length === 0) return null;
  return (
    <ul className="space-y-3" aria-label="Sign in with another account">
      {providers.map((provider) => (
        <li key={provider.id}>
          <form action={continueWithProvider}>
            <input type="hidden" name="provider" value={provider.id} />
            <input type="hidden" name="next" value={safeNextPath(next) ?? "/"} />
            <button
              type="submit"
              className="w-full rounded-md border border-gray-300 px-4 py-2 font-medium hover:bg-gray-50 focus:outline-2 focus:outline-offset-2 focus:outline-brand-700"
            >
              Continue with {provider.name}
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}

// next-auth sends refused OAuth sign-ins back to /sign-in?error=<code> (pages.error/signIn in
// packages/auth/src/next-auth/config.ts).
function errorMessage(code: string): string {
  switch (code) {
    case "OAuthAccountNotLinked":
      // Accounts are never joined just because the addresses match: whoever controls the other
      // provider account would get this one. Once signed in, the same button links it (next-auth
      // links a provider to the user of the current session).
      return "This email already has a Bazaar account. Sign in with your password or an email link first; once signed in, you can link this sign-in method to your account.";
    case SIGN_IN_ERROR_NO_EMAIL:
      return "That account did not share an email address with us, and Bazaar needs one. Allow access to your email address, or sign in another way.";
    default:
      return "We couldn't sign you in with that account. Please try again, or sign in another way.";
  }
}

/** The message for `?error=` on the sign-in page, if there is one. */
export function OAuthError({ code }: { code?: string }) {
  if (!code) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      {errorMessage(code)}
    </p>
  );
}
