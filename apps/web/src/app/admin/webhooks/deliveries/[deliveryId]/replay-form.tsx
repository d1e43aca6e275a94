"use client";

import Link from "next/link";
import { useActionState } from "react";

import { SubmitButton } from "~/components/form";
import { ProblemAlert } from "~/components/problem-alert";

import { replayWebhookDelivery, type ReplayState } from "../../actions";
import { deliveryHref } from "../../links";

/**
 * Send the delivery's event again. The answer names the new delivery, with a link to it; a
 * refusal (the endpoint is disabled) is an alert.
 */
export function ReplayForm({ deliveryId, endpointId }: { deliveryId: string; endpointId: string }) {
  const [state, action] = useActionState<ReplayState, FormData>(replayWebhookDelivery, {});
  return (
    <form action={action} aria-label="Send this delivery again" className="space-y-3">
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <input type="hidden" name="endpointId" value={endpointId} />
      <SubmitButton variant="secondary" pendingLabel="Queuing…">
        Send again
      </SubmitButton>
      <ProblemAlert message={state.ok ? null : state.message} />
      <div
        role="status"
        className={
          state.ok
            ? "rounded-md border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-brand-900"
            : undefined
        }
      >
        {state.ok && state.deliveryId ? (
          <p>
            {state.message}{" "}
            <Link href={deliveryHref(state.deliveryId)} className="font-medium underline">
              Open the new delivery
            </Link>
          </p>
        ) : null}
      </div>
    </form>
  );
}
