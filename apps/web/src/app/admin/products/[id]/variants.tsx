"use client";

import type { Route } from "next";
import Link from "next/link";
import { useActionState, useId } from "react";

import { ActionButtons } from "~/components/admin/action-buttons";
import { fieldMessage, FormMessage, initialFormState, SubmitButton, TextField } from "~/components/form";
import type { FormState } from "~/server/form-state";

import { addVariant, adjustStock, removeVariant, updateVariant } from "../actions";
import { formatOptions, priceText } from "../form-values";

export interface VariantView {
  id: string;
  sku: string;
  name: string;
  options: Record<string, string>;
  priceAmount: number;
  compareAtAmount: number | null;
  currency: string;
  stockOnHand: number;
}

const cellInput =
  "w-full min-w-20 rounded-md border border-gray-300 px-2 py-1 aria-invalid:border-red-600 focus:outline-2 focus:outline-offset-1 focus:outline-brand-700";

/** An input in a table cell, tied to a form elsewhere in the row, with its errors under it. */
function CellInput({
  form,
  name,
  label,
  state,
  defaultValue,
  inputMode,
}: {
  form: string;
  name: string;
  label: string;
  state: FormState;
  defaultValue: string;
  inputMode?: "decimal" | "numeric";
}) {
  const id = useId();
  const errors = state.fieldErrors?.[name] ?? [];
  return (
    <td className="py-2 pr-2 align-top">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        form={form}
        name={name}
        inputMode={inputMode}
        defaultValue={state.values?.[name] ?? defaultValue}
        aria-invalid={errors.length > 0 ? true : undefined}
        aria-describedby={errors.length > 0 ? `${id}-error` : undefined}
        className={cellInput}
      />
      {errors.length > 0 && (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {errors.map((message) => fieldMessage(label.split(",")[0] ?? label, message)).join(" ")}
        </p>
      )}
    </td>
  );
}

const STOCK_FIELDS: Record<string, string> = { delta: "Change", reason: "Reason", note: "Note" };
const REASONS = { RECEIVED: "Received", DAMAGED: "Damaged", CORRECTION: "Correction", RETURNED: "Returned" };

/**
 * One variant: its fields edited in place (the inputs sit in the row's cells, tied to the row's
 * form), and under it the stock adjustment, its ledger and removal.
 */
export function VariantRows({
  productId,
  variant,
  ledgerHref,
  removable,
}: {
  productId: string;
  variant: VariantView;
  ledgerHref: Route;
  removable: boolean;
}) {
  const [state, action] = useActionState(updateVariant, initialFormState);
  const formId = `variant-${variant.id}`;
  const of = `, ${variant.sku}`;
  return (
    <tbody className="border-b border-gray-200">
      <tr>
        <CellInput form={formId} name="sku" label={`SKU${of}`} state={state} defaultValue={variant.sku} />
        <CellInput form={formId} name="name" label={`Name${of}`} state={state} defaultValue={variant.name} />
        <CellInput
          form={formId}
          name="options"
          label={`Options${of}`}
          state={state}
          defaultValue={formatOptions(variant.options)}
        />
        <CellInput
          form={formId}
          name="priceAmount"
          label={`Price${of}`}
          inputMode="decimal"
          state={state}
          defaultValue={priceText(variant.priceAmount, variant.currency)}
        />
        <CellInput
          form={formId}
          name="compareAtAmount"
          label={`Was price${of}`}
          inputMode="decimal"
          state={state}
          defaultValue={priceText(variant.compareAtAmount, variant.currency)}
        />
        <td className="py-2 pr-2 text-right align-top tabular-nums">
          <span className="sr-only">On hand{of}: </span>
          {variant.stockOnHand}
        </td>
        <td className="py-2 align-top">
          <form
            id={formId}
            action={action}
            noValidate
            aria-label={`Variant ${variant.sku}`}
            className="space-y-1"
          >
            <input type="hidden" name="productId" value={productId} />
            <input type="hidden" name="variantId" value={variant.id} />
            <input type="hidden" name="currency" value={variant.currency} />
            <SubmitButton
              variant="secondary"
              className="px-3 py-1 text-sm"
              aria-label={`Save ${variant.sku}`}
            >
              Save
            </SubmitButton>
            <FormMessage state={onlyGeneral(state)} />
          </form>
        </td>
      </tr>
      <tr>
        <td colSpan={7} className="pb-4">
          <div className="flex flex-wrap items-start gap-x-6 gap-y-2 rounded-md bg-gray-50 px-3 py-2">
            <StockForm productId={productId} variant={variant} />
            <Link href={ledgerHref} className="self-center text-sm text-brand-700 hover:underline">
              Stock ledger<span className="sr-only"> of {variant.sku}</span>
            </Link>
            {removable && (
              <ActionButtons
                action={removeVariant}
                hidden={{ productId, variantId: variant.id }}
                label={`Remove ${variant.sku}`}
                buttons={[
                  { label: "Remove variant", variant: "danger", ariaLabel: `Remove variant ${variant.sku}` },
                ]}
              />
            )}
          </div>
        </td>
      </tr>
    </tbody>
  );
}

/** A refusal's field messages sit beside their inputs; only the rest (and success) goes here. */
function onlyGeneral(state: FormState): FormState {
  return state.fieldErrors ? { message: state.message } : state;
}

/** Add or take stock with a reason (admin.stock.adjust); the ledger records it. */
function StockForm({ productId, variant }: { productId: string; variant: VariantView }) {
  const [state, action] = useActionState(adjustStock, initialFormState);
  const id = useId();
  const errors = Object.entries(state.fieldErrors ?? {});
  return (
    <form action={action} noValidate aria-label={`Adjust stock of ${variant.sku}`} className="space-y-1">
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="variantId" value={variant.id} />
      <div className="flex flex-wrap items-end gap-2 text-sm">
        <div>
          <label htmlFor={`${id}-delta`} className="block font-medium">
            Change
          </label>
          <input
            id={`${id}-delta`}
            name="delta"
            inputMode="numeric"
            placeholder="+5 or -2"
            defaultValue={state.values?.delta}
            aria-invalid={state.fieldErrors?.delta ? true : undefined}
            className="w-24 rounded-md border border-gray-300 px-2 py-1 aria-invalid:border-red-600"
          />
        </div>
        <div>
          <label htmlFor={`${id}-reason`} className="block font-medium">
            Reason
          </label>
          <select
            id={`${id}-reason`}
            name="reason"
            defaultValue={state.values?.reason ?? "RECEIVED"}
            className="rounded-md border border-gray-300 bg-white px-2 py-1"
          >
            {Object.entries(REASONS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-note`} className="block font-medium">
            Note
          </label>
          <input
            id={`${id}-note`}
            name="note"
            maxLength={500}
            defaultValue={state.values?.note}
            className="w-48 rounded-md border border-gray-300 px-2 py-1"
          />
        </div>
        <SubmitButton variant="secondary" className="px-3 py-1 text-sm" pendingLabel="Adjusting…">
          Adjust stock
        </SubmitButton>
      </div>
      {errors.length > 0 && (
        <p role="alert" className="text-sm text-red-700">
          {errors
            .flatMap(([field, messages]) =>
              messages.map((message) => fieldMessage(STOCK_FIELDS[field] ?? "Stock", message)),
            )
            .join(" ")}
        </p>
      )}
      <FormMessage state={onlyGeneral(state)} />
    </form>
  );
}

/** Another variant, in the product's currency, with its opening stock. */
export function AddVariantForm({ productId, currency }: { productId: string; currency: string }) {
  const [state, action] = useActionState(addVariant, initialFormState);
  return (
    <form action={action} noValidate aria-label="Add a variant" className="max-w-3xl space-y-3">
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="currency" value={currency} />
      <FormMessage state={onlyGeneral(state)} />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label="SKU" name="sku" maxLength={64} state={state} />
        <TextField label="Name" name="name" maxLength={200} state={state} />
        <TextField label="Options" name="options" state={state} hint="e.g. size=XL" />
        <TextField label={`Price (${currency})`} name="priceAmount" inputMode="decimal" state={state} />
        <TextField label="Was price" name="compareAtAmount" inputMode="decimal" state={state} />
        <TextField
          label="Opening stock"
          name="openingStock"
          inputMode="numeric"
          defaultValue="0"
          state={state}
        />
      </div>
      <SubmitButton variant="secondary" pendingLabel="Adding…">
        Add variant
      </SubmitButton>
    </form>
  );
}
