"use client";

import { useActionState } from "react";

import { FormMessage, SubmitButton } from "~/components/form";

import { createWebhookEndpoint, type NewSecretState } from "./actions";
import { EndpointFields } from "./endpoint-fields";
import { SecretOnce } from "./secret-once";

/** Say where events go and which; the signing secret appears below, once. */
export function NewEndpointForm() {
  const [state, action] = useActionState<NewSecretState, FormData>(createWebhookEndpoint, {});
  return (
    <form action={action} noValidate aria-label="New webhook endpoint" className="space-y-4">
      <EndpointFields state={state} />
      <SubmitButton pendingLabel="Adding…">Add endpoint</SubmitButton>
      <FormMessage state={state} />
      {state.secret && <SecretOnce secret={state.secret} label="The signing secret" />}
    </form>
  );
}
