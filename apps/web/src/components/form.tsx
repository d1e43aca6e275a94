"use client";

// The pieces the shop's forms are made of. The account forms are server actions driven by
// `useActionState`, so they also work before (or without) JavaScript; the checkout calls its
// procedures from the browser and hands its errors over in the same shape. These components only
// render that state: values to put back, errors beside their fields, one message.
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";
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

/** What a control needs from the field around it: its id, and the ARIA that ties it to its hint and errors. */
interface ControlProps {
  id: string;
  name: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
  className: string;
}

interface FieldProps {
  label: string;
  name: string;
  state?: FormState;
  /** Help shown under the field and read out with it. */
  hint?: ReactNode;
}

/** A label, the control, its hint and its errors (looked up by the control's name). */
function Field({
  label,
  name,
  state,
  hint,
  control,
}: FieldProps & { control: (props: ControlProps) => ReactNode }) {
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
      {control({
        id,
        name,
        "aria-invalid": errors.length > 0 ? true : undefined,
        "aria-describedby": describedBy || undefined,
        className: inputClass,
      })}
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

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id">;

export function TextField({
  label,
  name,
  state,
  hint,
  defaultValue,
  ...input
}: InputProps & FieldProps & { defaultValue?: string }) {
  return (
    <Field
      label={label}
      name={name}
      state={state}
      hint={hint}
      control={(props) => (
        <input {...props} defaultValue={state?.values?.[name] ?? defaultValue} {...input} />
      )}
    />
  );
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id" | "children">;

/** A drop-down of `options` (value → label), with the same label, hint and errors as a TextField. */
export function SelectField({
  label,
  name,
  state,
  hint,
  options,
  ...select
}: SelectProps & FieldProps & { options: Readonly<Record<string, string>> }) {
  return (
    <Field
      label={label}
      name={name}
      state={state}
      hint={hint}
      control={(props) => (
        <select {...props} {...select} className={`${props.className} bg-white`}>
          {Object.entries(options).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    />
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
