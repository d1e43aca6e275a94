"use client";

import { WEBHOOK_EVENTS, type WebhookEvent } from "@bazaar/validators";
import { useId } from "react";

import { TextField } from "~/components/form";
import type { FormState } from "~/server/form-state";

import { EVENT_DESCRIPTIONS } from "./events";

/**
 * An endpoint's fields, shared by the new-endpoint form and an endpoint's settings: its URL, a
 * note, and the events it receives as checkboxes, with the server's errors beside each (the events'
 * under the group: "events" for the list, "events.<n>" for one of them).
 */
export function EndpointFields({
  state,
  initial,
}: {
  state: FormState;
  /** What the endpoint holds now; none for a new one. */
  initial?: { url: string; description: string; events: readonly WebhookEvent[] };
}) {
  const id = useId();
  const eventErrors = Object.entries(state.fieldErrors ?? {})
    .filter(([name]) => name === "events" || name.startsWith("events."))
    .flatMap(([, messages]) => messages);
  // After a refusal the boxes show what was sent; otherwise what the endpoint has.
  const ticked = new Set(
    state.values ? (state.values.events ?? "").split(",").filter(Boolean) : (initial?.events ?? []),
  );
  return (
    <>
      <TextField
        label="URL"
        name="url"
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        maxLength={2000}
        state={state}
        defaultValue={initial?.url}
        hint="Where each event is sent, as a signed POST with a JSON body."
      />
      <TextField
        label="Description"
        name="description"
        maxLength={200}
        state={state}
        defaultValue={initial?.description}
        hint="Optional: who runs it, or what it is for."
      />
      <fieldset
        className="space-y-2"
        aria-describedby={eventErrors.length > 0 ? `${id}-events-error` : undefined}
        aria-invalid={eventErrors.length > 0 || undefined}
      >
        <legend className="text-sm font-medium">Events to send</legend>
        {WEBHOOK_EVENTS.map((event) => (
          <label key={event} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="events"
              value={event}
              defaultChecked={ticked.has(event)}
              className="size-4 accent-brand-700"
            />
            <span>
              {EVENT_DESCRIPTIONS[event]} <code className="text-xs text-gray-600">{event}</code>
            </span>
          </label>
        ))}
        {eventErrors.length > 0 && (
          <p id={`${id}-events-error`} className="text-sm text-red-700">
            Events {eventErrors.join("; ")}
          </p>
        )}
      </fieldset>
    </>
  );
}
