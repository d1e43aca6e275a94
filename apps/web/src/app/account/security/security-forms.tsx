"use client";

import { PASSWORD_MIN } from "@bazaar/validators";
import { useActionState } from "react";

import { FormMessage, initialFormState, SubmitButton, TextField } from "~/components/form";

import { changePassword, revokeOtherSessions } from "./actions";

export function ChangePasswordForm({ email }: { email: string }) {
  const [state, action] = useActionState(changePassword, initialFormState);
  return (
    <form action={action} noValidate aria-label="Change your password" className="max-w-md space-y-4">
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <FormMessage state={state} />
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        state={state}
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        state={state}
        hint={`At least ${PASSWORD_MIN} characters. Changing it signs you out everywhere else.`}
      />
      <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
    </form>
  );
}

export function SignOutElsewhereForm() {
  const [state, action] = useActionState(revokeOtherSessions, initialFormState);
  return (
    <form action={action} aria-label="Sign out everywhere else" className="space-y-3">
      <FormMessage state={state} />
      <SubmitButton variant="secondary" pendingLabel="Signing out…">
        Sign out everywhere else
      </SubmitButton>
    </form>
  );
}
