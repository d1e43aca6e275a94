"use client";

import Link from "next/link";
import { useActionState } from "react";

import { FormMessage, initialFormState, SubmitButton } from "~/components/form";

import { signInWithLink } from "./actions";

export function MagicLinkSignInForm({ token }: { token: string }) {
  const [state, action] = useActionState(signInWithLink, initialFormState);
  return (
    <form action={action} aria-label="Sign in with your link" className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <FormMessage state={state}>
        <p className="mt-2">
          <Link href="/sign-in" className="font-medium underline">
            Go to sign in
          </Link>{" "}
          to ask for a new link.
        </p>
      </FormMessage>
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
