"use client";

import { useActionState } from "react";

import { FormMessage, initialFormState, SubmitButton, TextField } from "~/components/form";

import { requestPasswordReset } from "./actions";

export function ForgotPasswordForm() {
  const [state, action] = useActionState(requestPasswordReset, initialFormState);
  if (state.ok) {
    return (
      <section role="status" aria-labelledby="check-mail" className="space-y-3">
        <h2 id="check-mail" className="text-xl font-semibold">
          Check your mail
        </h2>
        <p>
          If <strong>{state.values?.email}</strong> has a Bazaar account, we have sent it a link to choose a
          new password. The link works once, for a short time.
        </p>
      </section>
    );
  }
  return (
    <form action={action} noValidate aria-label="Reset your password" className="space-y-4">
      <FormMessage state={state} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required state={state} />
      <SubmitButton pendingLabel="Sending…">Email me a reset link</SubmitButton>
    </form>
  );
}
