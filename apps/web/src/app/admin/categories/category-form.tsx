"use client";

import { useActionState } from "react";

import { TextAreaField } from "~/components/admin/fields";
import { FormMessage, initialFormState, SelectField, SubmitButton, TextField } from "~/components/form";

import { createCategory, updateCategory } from "./actions";

export interface CategoryFields {
  id: string;
  name: string;
  slug: string;
  description: string;
  parentId: string | null;
}

/**
 * A new category (no `category`), or one to rename, re-describe or move. `parents` are the
 * categories it may go under (not itself nor anything inside it; the server refuses those too).
 */
export function CategoryForm({
  category,
  parents,
}: {
  category?: CategoryFields;
  parents: { id: string; label: string }[];
}) {
  const [state, action] = useActionState(category ? updateCategory : createCategory, initialFormState);
  const label = category ? `Edit ${category.name}` : "New category";
  return (
    <form action={action} noValidate aria-label={label} className="max-w-2xl space-y-3">
      {category && <input type="hidden" name="categoryId" value={category.id} />}
      <FormMessage state={state} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Name" name="name" maxLength={80} defaultValue={category?.name} state={state} />
        <TextField label="Slug" name="slug" maxLength={120} defaultValue={category?.slug} state={state} />
      </div>
      <TextAreaField
        label="Description"
        name="description"
        rows={2}
        maxLength={5000}
        defaultValue={category?.description}
        state={state}
      />
      <SelectField
        label="Inside"
        name="parentId"
        state={state}
        defaultValue={state.values?.parentId ?? category?.parentId ?? ""}
        options={{
          "": "Nothing (a top-level department)",
          ...Object.fromEntries(parents.map((p) => [p.id, p.label])),
        }}
      />
      <SubmitButton variant={category ? "secondary" : "primary"} pendingLabel="Saving…">
        {category ? "Save" : "Create category"}
      </SubmitButton>
    </form>
  );
}
