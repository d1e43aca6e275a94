"use client";

import { useActionState, useState, type ChangeEvent } from "react";

import { CheckboxField, TextAreaField } from "~/components/admin/fields";
import { FormMessage, initialFormState, SelectField, SubmitButton, TextField } from "~/components/form";

import { createProduct } from "../actions";

/** "Linen Shirt, Navy" → "linen-shirt-navy": what the slug field suggests until it is edited. */
const slugify = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120);

/** How many variant rows the last submission had, so a refused form comes back whole. */
function submittedRows(values: Record<string, string> | undefined): number {
  const indices = Object.keys(values ?? {}).flatMap((key) => {
    const index = /^variants\.(\d+)\./.exec(key)?.[1];
    return index === undefined ? [] : [Number(index)];
  });
  return indices.length > 0 ? Math.max(...indices) + 1 : 1;
}

/**
 * The product's fields and one row per variant (`variants.<n>.<field>`, the API's own paths, so
 * a refusal such as `variants.1.sku` lands beside the right input). Rows can be added and removed.
 */
export function ProductForm({ categories }: { categories: { id: string; label: string }[] }) {
  const [state, action] = useActionState(createProduct, initialFormState);
  // Stable keys for React; the names follow the rows' order.
  const [rows, setRows] = useState(() => Array.from({ length: submittedRows(state.values) }, (_, i) => i));
  const [nextKey, setNextKey] = useState(rows.length);

  // Until someone types a slug, it follows the name.
  function suggestSlug(event: ChangeEvent<HTMLInputElement>) {
    const slug = event.currentTarget.form?.elements.namedItem("slug");
    if (slug instanceof HTMLInputElement && slug.dataset.edited !== "true")
      slug.value = slugify(event.currentTarget.value);
  }

  return (
    <form action={action} noValidate aria-label="New product" className="max-w-3xl space-y-6">
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Product name"
          name="name"
          required
          maxLength={200}
          state={state}
          onChange={suggestSlug}
        />
        <TextField
          label="Slug"
          name="slug"
          required
          maxLength={120}
          state={state}
          hint="The product’s address: /products/<slug>."
          onInput={(event) => {
            event.currentTarget.dataset.edited = "true";
          }}
        />
      </div>
      <TextAreaField label="Description" name="description" rows={4} maxLength={5000} state={state} />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          label="Category"
          name="categoryId"
          state={state}
          defaultValue={state.values?.categoryId ?? ""}
          options={{ "": "Choose a category", ...Object.fromEntries(categories.map((c) => [c.id, c.label])) }}
        />
        <TextField
          label="Currency"
          name="currency"
          defaultValue="USD"
          maxLength={3}
          autoCapitalize="characters"
          state={state}
          hint="ISO 4217 code, e.g. USD."
        />
        <SelectField
          label="Status"
          name="status"
          state={state}
          defaultValue={state.values?.status ?? "DRAFT"}
          options={{ DRAFT: "Draft (not in the shop)", PUBLISHED: "Published" }}
        />
      </div>
      <CheckboxField label="Featured on the home page" name="featured" state={state} />

      <div className="space-y-4">
        <h2 className="text-xl font-semibold">Variants</h2>
        {state.fieldErrors?.variants && (
          <p className="text-sm text-red-700">Variants: {state.fieldErrors.variants.join(" ")}</p>
        )}
        {rows.map((key, index) => (
          <fieldset key={key} className="space-y-3 rounded-lg border border-gray-200 p-4">
            <legend className="px-1 font-medium">Variant {index + 1}</legend>
            <div className="grid gap-3 sm:grid-cols-3">
              <TextField label="SKU" name={`variants.${index}.sku`} required maxLength={64} state={state} />
              <TextField
                label="Name"
                name={`variants.${index}.name`}
                required
                maxLength={200}
                state={state}
              />
              <TextField
                label="Options"
                name={`variants.${index}.options`}
                state={state}
                hint="e.g. size=M, colour=Navy"
              />
              <TextField
                label="Price"
                name={`variants.${index}.priceAmount`}
                inputMode="decimal"
                required
                state={state}
                hint="e.g. 24.00"
              />
              <TextField
                label="Was price"
                name={`variants.${index}.compareAtAmount`}
                inputMode="decimal"
                state={state}
                hint="Optional, above the price."
              />
              <TextField
                label="Opening stock"
                name={`variants.${index}.openingStock`}
                inputMode="numeric"
                defaultValue="0"
                state={state}
              />
            </div>
            {rows.length > 1 && (
              <button
                type="button"
                onClick={() => setRows(rows.filter((other) => other !== key))}
                className="text-sm text-red-700 hover:underline"
              >
                Remove variant {index + 1}
              </button>
            )}
          </fieldset>
        ))}
        <button
          type="button"
          onClick={() => {
            setRows([...rows, nextKey]);
            setNextKey(nextKey + 1);
          }}
          className="rounded-md border border-gray-300 px-4 py-2 text-sm font-medium hover:bg-gray-50 focus:outline-2 focus:outline-offset-2 focus:outline-brand-700"
        >
          Add a variant
        </button>
      </div>
      <SubmitButton pendingLabel="Creating…">Create product</SubmitButton>
    </form>
  );
}
