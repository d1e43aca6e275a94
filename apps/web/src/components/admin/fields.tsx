"use client";

// Form fields the console needs beside components/form.tsx's: a text area and a checkbox, with
// the same label, hint and errors (looked up by name in the form state).
import { useId, type ReactNode, type TextareaHTMLAttributes } from "react";

import { fieldMessage } from "~/components/form";
import type { FormState } from "~/server/form-state";

function Errors({ id, label, errors }: { id: string; label: string; errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <p id={id} className="text-sm text-red-700">
      {errors.map((message) => fieldMessage(label, message)).join(" ")}
    </p>
  );
}

export function TextAreaField({
  label,
  name,
  state,
  hint,
  defaultValue,
  ...rest
}: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id" | "defaultValue"> & {
  label: string;
  name: string;
  state?: FormState;
  hint?: ReactNode;
  defaultValue?: string;
}) {
  const id = useId();
  const errors = state?.fieldErrors?.[name] ?? [];
  const describedBy = [hint ? `${id}-hint` : null, errors.length > 0 ? `${id}-error` : null].filter(Boolean);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        defaultValue={state?.values?.[name] ?? defaultValue}
        aria-invalid={errors.length > 0 ? true : undefined}
        aria-describedby={describedBy.join(" ") || undefined}
        className="block w-full rounded-md border border-gray-300 px-3 py-2 text-base shadow-sm focus:border-brand-700 focus:outline-2 focus:outline-offset-1 focus:outline-brand-700 aria-invalid:border-red-600"
        {...rest}
      />
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-gray-500">
          {hint}
        </p>
      )}
      <Errors id={`${id}-error`} label={label} errors={errors} />
    </div>
  );
}

/** A checkbox sent as "on" when ticked (and absent when not, as browsers do). */
export function CheckboxField({
  label,
  name,
  state,
  defaultChecked,
}: {
  label: string;
  name: string;
  state?: FormState;
  defaultChecked?: boolean;
}) {
  const id = useId();
  const errors = state?.fieldErrors?.[name] ?? [];
  // After a refused submit the box shows what was sent.
  const checked = state?.values ? state.values[name] === "on" : defaultChecked;
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2">
        <input
          id={id}
          name={name}
          type="checkbox"
          defaultChecked={checked}
          aria-invalid={errors.length > 0 ? true : undefined}
          aria-describedby={errors.length > 0 ? `${id}-error` : undefined}
          className="size-4 rounded border-gray-300 accent-brand-700"
        />
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
      </div>
      <Errors id={`${id}-error`} label={label} errors={errors} />
    </div>
  );
}
