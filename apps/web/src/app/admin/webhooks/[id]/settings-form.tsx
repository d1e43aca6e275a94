"use client";

import type { WebhookEvent } from "@bazaar/validators";
import { useActionState } from "react";

import { FormMessage, initialFormState, SubmitButton } from "~/components/form";

import { updateWebhookEndpoint } from "../actions";
import { EndpointFields } from "../endpoint-fields";

/** An endpoint's URL, note and events, saved together. */
export function SettingsForm({
  endpoint,
}: {
  endpoint: { id: string; url: string; description: string; events: readonly WebhookEvent[] };
}) {
  const [state, action] = useActionState(updateWebhookEndpoint, initialFormState);
  return (
    <form action={action} noValidate aria-label="Endpoint settings" className="max-w-xl space-y-4">
      <input type="hidden" name="endpointId" value={endpoint.id} />
      <EndpointFields state={state} initial={endpoint} />
      <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
