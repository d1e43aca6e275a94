"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";

import { FormMessage, initialFormState } from "~/components/form";
import { asSentence } from "~/lib/api-errors";
import type { FormState } from "~/server/form-state";

export interface ActionButton {
  label: string;
  /** Sent as `name=value` with the form, so one action can tell the buttons apart. */
  name?: string;
  value?: string;
  variant?: "primary" | "secondary" | "danger";
  /** The accessible name, when the label alone would be ambiguous on the page. */
  ariaLabel?: string;
}

/**
 * One or more buttons that run a server action with some hidden fields (publish, delete, move),
 * and the action's answer beside them.
 */
export function ActionButtons({
  action,
  hidden,
  buttons,
  label,
}: {
  action: (previous: FormState, form: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  buttons: ActionButton[];
  /** The form's accessible name. */
  label: string;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  // Field messages are fragments ("still holds 2 products"); here they stand alone, as sentences.
  const problems = Object.values(state.fieldErrors ?? {})
    .flat()
    .map(asSentence);
  const shown: FormState = problems.length > 0 ? { message: problems.join(" ") } : state;
  return (
    <form action={formAction} aria-label={label} className="space-y-2">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="flex flex-wrap gap-2">
        {buttons.map((button) => (
          <ButtonWithValue key={button.label} {...button} />
        ))}
      </div>
      <FormMessage state={shown} />
    </form>
  );
}

const STYLES = {
  primary: "bg-brand-700 text-white hover:bg-brand-900",
  secondary: "border border-gray-300 bg-white text-gray-900 hover:bg-gray-50",
  danger: "bg-red-700 text-white hover:bg-red-800",
} as const;

/** A submit button that says which it is (`name=value`), disabled while its form's action runs. */
function ButtonWithValue({ label, name, value, variant = "secondary", ariaLabel }: ActionButton) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={pending}
      aria-label={ariaLabel}
      className={`rounded-md px-3 py-1.5 text-sm font-medium focus:outline-2 focus:outline-offset-2 focus:outline-brand-700 disabled:cursor-wait disabled:opacity-60 ${STYLES[variant]}`}
    >
      {label}
    </button>
  );
}
