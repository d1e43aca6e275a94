"use client";

import { useActionState, useId } from "react";

import { FormMessage, SubmitButton } from "~/components/form";

import { createWebhookEndpoint, type NewEndpointState } from "./actions";
import { EndpointFields } from "./endpoint-fields";

/** Say where events go and which; the signing secret appears below, once. */
export function NewEndpointForm() {
  const [state, action] = useActionState<NewEndpointState, FormData>(createWebhookEndpoint, {});
  const id = useId();
  return (
    <form action={action} noValidate aria-label="New webhook endpoint" className="space-y-4">
      <EndpointFields state={state} />
      <SubmitButton pendingLabel="Adding…">Add endpoint</SubmitButton>
      <FormMessage state={state} />
      {state.secret && (
        <div className="space-y-1">
          <label htmlFor={`${id}-secret`} className="block text-sm font-medium">
            The signing secret
          </label>
          <input
            id={`${id}-secret`}
            readOnly
            value={state.secret}
            aria-describedby={`${id}-secret-hint`}
            className="w-full rounded-md border border-gray-300 bg-gray-50 px-3 py-2 font-mono text-sm"
          />
          <p id={`${id}-secret-hint`} className="text-sm text-gray-600">
            The receiver checks each delivery’s <code>bazaar-signature</code> header with it.
          </p>
        </div>
      )}
    </form>
  );
}
