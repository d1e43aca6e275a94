"use client";

import { useActionState, useId } from "react";

import { FormMessage, SubmitButton } from "~/components/form";
import type { FormState } from "~/server/form-state";

import { setRole } from "./actions";
import { ROLE_NAMES } from "./roles";

/** An admin's role picker for one person: a select and a Save button, with the answer below. */
export function RoleForm({ userId, email, role }: { userId: string; email: string; role: string }) {
  const [state, action] = useActionState<FormState, FormData>(setRole, { values: { role } });
  const id = useId();
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="currentRole" value={state.values?.role ?? role} />
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="sr-only">
          Role for {email}
        </label>
        <select
          id={id}
          name="role"
          // Drawn again with the role as it now is (saved, or unchanged after a refusal).
          key={state.values?.role}
          defaultValue={state.values?.role ?? role}
          className="rounded-md border border-gray-300 bg-white px-2 py-1"
        >
          {Object.entries(ROLE_NAMES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <SubmitButton variant="secondary" className="px-3 py-1 text-sm" aria-label={`Save role for ${email}`}>
          Save
        </SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
