"use client";

// The pieces every account form is made of. Each form is a server action driven by
// `useActionState`, so it also works before (or without) JavaScript; these components only
// render what the action returned: values to put back, errors beside their fields, one message.
import { useId, type InputHTMLAttributes, type ReactNode } from "react";
import { useFormStatus } from "react-dom";

import type { FormState } from "~/server/form-state";

export const initialFormState: FormState = {};

/**
 * A message as it reads beside its field. Schema messages are fragments ("is required"), so
 * they get the field's label in front; whole sentences from the server are shown as they are.
 */
export function fieldMessage(label: string, message: string): string {
  return /^[a-z]/.test(message) ? `${label} ${message}` : message;
}

const inputClass =
  "block w-full rounded-md border border-gray-300 px-3 py-2 text-base shadow-sm focus:border-brand-700 focus:outline-2 focus:outline-offset-1 focus:outline-brand-700 aria-invalid:border-red-600";

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id">;

export function TextField({
  label,
  name,
  state,
  hint,
  defaultValue,
  ...input
}: InputProps & {
  label: string;
  name: string;
  state?: FormState;
  /** Help shown under the field and read out with it. */
  hint?: ReactNode;
  defaultValue?: string;
}) {
  const id = useId();
  const errors = state?.fieldErrors?.[name] ?? [];
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, errors.length > 0 ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        defaultValue={state?.values?.[name] ?? defaultValue}
        aria-invalid={errors.length > 0 ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={inputClass}
        {...input}
      />
      {hint && (
        <p id={hintId} className="text-sm text-gray-500">
          {hint}
        </p>
      )}
      {errors.length > 0 && (
        <p id={errorId} className="text-sm text-red-700">
          {errors.map((message) => fieldMessage(label, message)).join(" ")}
        </p>
      )}
    </div>
  );
}

/**
 * The form-level message: a refusal in an alert, a success in a status region. Both regions are
 * always in the page, so assistive technology announces the text when it arrives.
 */
export function FormMessage({ state, children }: { state: FormState; children?: ReactNode }) {
  const failed = !state.ok && state.message;
  const succeeded = state.ok && state.message;
  return (
    <>
      <div
        role="alert"
        className={
          failed ? "rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" : undefined
        }
      >
        {failed ? (
          <>
            <p>{state.message}</p>
            {children}
          </>
        ) : null}
      </div>
      <div
        role="status"
        className={
          succeeded
            ? "rounded-md border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-brand-900"
            : undefined
        }
      >
        {succeeded ? state.message : null}
      </div>
    </>
  );
}

const buttonStyles = {
  primary: "bg-brand-700 text-white hover:bg-brand-900",
  secondary: "border border-gray-300 bg-white text-gray-900 hover:bg-gray-50",
  danger: "bg-red-700 text-white hover:bg-red-800",
} as const;

/** A submit button that is disabled (and says so) while its form's action runs. */
export function SubmitButton({
  children,
  pendingLabel,
  variant = "primary",
  className = "",
  ...rest
}: {
  children: ReactNode;
  pendingLabel?: string;
  variant?: keyof typeof buttonStyles;
  className?: string;
  "aria-label"?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className={`rounded-md px-4 py-2 font-medium focus:outline-2 focus:outline-offset-2 focus:outline-brand-700 disabled:cursor-wait disabled:opacity-60 ${buttonStyles[variant]} ${className}`}
      {...rest}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
