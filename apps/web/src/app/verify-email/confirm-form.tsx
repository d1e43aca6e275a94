"use client";

import Link from "next/link";
import { useActionState } from "react";

import { FormMessage, initialFormState, SubmitButton } from "~/components/form";

import { confirmEmail } from "./actions";

export function ConfirmEmailForm({ token }: { token: string }) {
  const [state, action] = useActionState(confirmEmail, initialFormState);
  return (
    <form action={action} aria-label="Confirm your email" className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <FormMessage state={state}>
        <p className="mt-2">
          <Link href="/sign-in" className="font-medium underline">
            Sign in
          </Link>{" "}
          with your email and password, and we will send you a new link.
        </p>
      </FormMessage>
      <SubmitButton pendingLabel="Confirming…">Confirm my email</SubmitButton>
    </form>
  );
}
