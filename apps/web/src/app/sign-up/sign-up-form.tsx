"use client";

import { PASSWORD_MIN } from "@bazaar/validators";
import Link from "next/link";
import { useActionState } from "react";

import { FormMessage, initialFormState, SubmitButton, TextField } from "~/components/form";

import { signUp } from "./actions";

export function SignUpForm() {
  const [state, action] = useActionState(signUp, initialFormState);
  if (state.ok) {
    return (
      <section role="status" aria-labelledby="check-mail" className="space-y-3">
        <h2 id="check-mail" className="text-xl font-semibold">
          Check your mail
        </h2>
        <p>
          We have sent a message to <strong>{state.values?.email}</strong>. Open the link in it to confirm
          your address, then sign in.
        </p>
        <p className="text-sm text-gray-600">
          Nothing there after a few minutes? Look in your spam folder, or{" "}
          <Link href="/sign-in" className="font-medium text-brand-700 hover:underline">
            sign in
          </Link>{" "}
          and we will send a new link.
        </p>
      </section>
    );
  }
  return (
    <form action={action} noValidate aria-label="Create your account" className="space-y-4">
      <FormMessage state={state} />
      <TextField label="Name" name="name" autoComplete="name" state={state} hint="Optional." />
      <TextField label="Email" name="email" type="email" autoComplete="email" required state={state} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        state={state}
        hint={`At least ${PASSWORD_MIN} characters. Common passwords are refused.`}
      />
      <SubmitButton pendingLabel="Creating your account…">Create account</SubmitButton>
    </form>
  );
}
