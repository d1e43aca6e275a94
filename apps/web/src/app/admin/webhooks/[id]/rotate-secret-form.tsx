"use client";

import { SECRET_ROTATION_GRACE_HOURS } from "@bazaar/validators";
import { useActionState } from "react";

import { FormMessage, SelectField, SubmitButton } from "~/components/form";

import { rotateWebhookSecret, type NewSecretState } from "../actions";
import { SecretOnce } from "../secret-once";

/** How long the old secret keeps signing beside the new one (hours → label). */
const GRACE: Record<string, string> = {
  [String(SECRET_ROTATION_GRACE_HOURS)]: "24 hours",
  "1": "1 hour",
  "72": "3 days",
  "168": "1 week",
  "0": "Not at all: stop it now (it leaked)",
};

/** Give the endpoint a new signing secret; it appears below, once. */
export function RotateSecretForm({ endpointId }: { endpointId: string }) {
  const [state, action] = useActionState<NewSecretState, FormData>(rotateWebhookSecret, {});
  return (
    <form action={action} noValidate aria-label="Rotate secret" className="max-w-xl space-y-4">
      <input type="hidden" name="endpointId" value={endpointId} />
      <SelectField
        label="The old secret keeps signing for"
        name="graceHours"
        state={state}
        options={GRACE}
        defaultValue={state.values?.graceHours ?? String(SECRET_ROTATION_GRACE_HOURS)}
        hint="Each delivery then carries a signature by each secret, so the receiver can switch over without refusing one."
      />
      <SubmitButton pendingLabel="Rotating…">Rotate secret</SubmitButton>
      <FormMessage state={state} />
      {state.secret && <SecretOnce secret={state.secret} label="The new signing secret" />}
    </form>
  );
}
