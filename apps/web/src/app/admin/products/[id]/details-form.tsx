"use client";

import { useActionState } from "react";

import { CheckboxField, TextAreaField } from "~/components/admin/fields";
import { FormMessage, initialFormState, SelectField, SubmitButton, TextField } from "~/components/form";

import { updateProduct } from "../actions";

export interface ProductDetails {
  id: string;
  name: string;
  slug: string;
  description: string;
  categoryId: string;
  featured: boolean;
}

/** The product's own fields; a change of slug moves its storefront page. */
export function DetailsForm({
  product,
  categories,
}: {
  product: ProductDetails;
  categories: { id: string; label: string }[];
}) {
  const [state, action] = useActionState(updateProduct, initialFormState);
  return (
    <form action={action} noValidate aria-label="Product details" className="max-w-3xl space-y-4">
      <input type="hidden" name="productId" value={product.id} />
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Name"
          name="name"
          required
          maxLength={200}
          defaultValue={product.name}
          state={state}
        />
        <TextField
          label="Slug"
          name="slug"
          required
          maxLength={120}
          defaultValue={product.slug}
          state={state}
          hint="Changing it moves the product’s page."
        />
      </div>
      <TextAreaField
        label="Description"
        name="description"
        rows={4}
        maxLength={5000}
        defaultValue={product.description}
        state={state}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Category"
          name="categoryId"
          state={state}
          defaultValue={state.values?.categoryId ?? product.categoryId}
          options={Object.fromEntries(categories.map((c) => [c.id, c.label]))}
        />
        <div className="self-end pb-2">
          <CheckboxField
            label="Featured on the home page"
            name="featured"
            state={state}
            defaultChecked={product.featured}
          />
        </div>
      </div>
      <SubmitButton pendingLabel="Saving…">Save details</SubmitButton>
    </form>
  );
}
