"use client";

import { useActionState } from "react";

import { FormMessage, initialFormState, SubmitButton, TextField } from "~/components/form";

import { deleteAccount } from "./actions";

export function DeleteAccountForm({ hasPassword }: { hasPassword: boolean }) {
  const [state, action] = useActionState(deleteAccount, initialFormState);
  return (
    <form action={action} noValidate aria-label="Delete your account" className="max-w-md space-y-4">
      <FormMessage state={state} />
      <TextField
        label="Your email"
        name="confirmEmail"
        type="email"
        autoComplete="off"
        required
        state={state}
        hint="Type your account's email address to confirm."
      />
      {hasPassword && (
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          state={state}
        />
      )}
      <SubmitButton variant="danger" pendingLabel="Deleting…">
        Delete my account
      </SubmitButton>
    </form>
  );
}
