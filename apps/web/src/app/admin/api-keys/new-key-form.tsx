"use client";

import { API_KEY_SCOPES } from "@bazaar/validators";
import { useActionState, useId } from "react";

import { FormMessage, SubmitButton, TextField } from "~/components/form";

import { createApiKey, type NewKeyState } from "./actions";
import { SCOPE_DESCRIPTIONS } from "./scopes";

/** Name a key and tick what it may do; the key appears below, once. */
export function NewKeyForm() {
  const [state, action] = useActionState<NewKeyState, FormData>(createApiKey, {});
  const scopesId = useId();
  const scopeErrors = Object.entries(state.fieldErrors ?? {})
    .filter(([name]) => name === "scopes" || name.startsWith("scopes."))
    .flatMap(([, messages]) => messages);
  return (
    <form action={action} aria-label="New API key" className="space-y-4">
      <TextField label="Name" name="name" state={state} maxLength={100} hint="Who or what will use it." />
      <fieldset
        className="space-y-2"
        aria-describedby={scopeErrors.length > 0 ? `${scopesId}-error` : undefined}
        aria-invalid={scopeErrors.length > 0 || undefined}
      >
        <legend className="text-sm font-medium">What it may do</legend>
        {API_KEY_SCOPES.map((scope) => (
          <label key={scope} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="scopes" value={scope} className="size-4" />
            <span>
              {SCOPE_DESCRIPTIONS[scope]} <code className="text-xs text-gray-500">{scope}</code>
            </span>
          </label>
        ))}
        {scopeErrors.length > 0 && (
          <p id={`${scopesId}-error`} className="text-sm text-red-700">
            Scopes {scopeErrors.join("; ")}
          </p>
        )}
      </fieldset>
      <SubmitButton pendingLabel="Making…">Make key</SubmitButton>
      <FormMessage state={state} />
      {state.key && (
        <div className="space-y-1">
          <label htmlFor={`${scopesId}-key`} className="block text-sm font-medium">
            The new key
          </label>
          <input
            id={`${scopesId}-key`}
            readOnly
            value={state.key}
            className="w-full rounded-md border border-gray-300 bg-gray-50 px-3 py-2 font-mono text-sm"
          />
        </div>
      )}
    </form>
  );
}
