"use client";

import Link from "next/link";
import { useActionState, useId } from "react";

import { FormMessage, initialFormState, SubmitButton, TextField } from "~/components/form";

import { requestMagicLink, signInWithPassword } from "./actions";

export function PasswordSignInForm({ next }: { next: string | null }) {
  const [state, action] = useActionState(signInWithPassword, initialFormState);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <h2 id={headingId} className="sr-only">
        Sign in with your password
      </h2>
      <form action={action} noValidate aria-labelledby={headingId} className="space-y-4">
        {next && <input type="hidden" name="next" value={next} />}
        <FormMessage state={state} />
        <TextField label="Email" name="email" type="email" autoComplete="email" required state={state} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          state={state}
        />
        <div className="flex items-center justify-between gap-4">
          <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
          <Link href="/forgot-password" className="text-sm font-medium text-brand-700 hover:underline">
            Forgot your password?
          </Link>
        </div>
      </form>
    </section>
  );
}

export function MagicLinkForm() {
  const [state, action] = useActionState(requestMagicLink, initialFormState);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-lg font-semibold">
        Sign in without a password
      </h2>
      <p className="text-sm text-gray-600">We will email you a link that signs you in once.</p>
      <form action={action} noValidate aria-labelledby={headingId} className="space-y-4">
        <FormMessage state={state} />
        <TextField label="Email" name="email" type="email" autoComplete="email" required state={state} />
        <SubmitButton variant="secondary" pendingLabel="Sending…">
          Email me a sign-in link
        </SubmitButton>
      </form>
    </section>
  );
}
