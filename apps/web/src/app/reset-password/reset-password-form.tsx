"use client";

import { PASSWORD_MIN } from "@bazaar/validators";
import Link from "next/link";
import { useActionState } from "react";

import { FormMessage, initialFormState, SubmitButton, TextField } from "~/components/form";

import { resetPassword } from "./actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action] = useActionState(resetPassword, initialFormState);
  return (
    <form action={action} noValidate aria-label="Choose a new password" className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <FormMessage state={state}>
        <p className="mt-2">
          <Link href="/forgot-password" className="font-medium underline">
            Ask for a new link
          </Link>
        </p>
      </FormMessage>
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        state={state}
        hint={`At least ${PASSWORD_MIN} characters. Common passwords are refused.`}
      />
      <SubmitButton pendingLabel="Saving…">Set new password</SubmitButton>
    </form>
  );
}
