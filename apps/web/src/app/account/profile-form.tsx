"use client";

import { useActionState } from "react";

import { FormMessage, initialFormState, SubmitButton, TextField } from "~/components/form";

import { updateProfile } from "./actions";

export function ProfileForm({ name }: { name: string }) {
  const [state, action] = useActionState(updateProfile, initialFormState);
  return (
    <form action={action} noValidate aria-label="Profile" className="max-w-md space-y-4">
      <FormMessage state={state} />
      <TextField label="Name" name="name" autoComplete="name" required defaultValue={name} state={state} />
      <SubmitButton pendingLabel="Saving…">Save profile</SubmitButton>
    </form>
  );
}
