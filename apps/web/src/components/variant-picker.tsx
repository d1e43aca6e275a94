"use client";

import type { RouterOutputs } from "@bazaar/api";
import { formatMoney } from "@bazaar/validators";
import { useId, useState } from "react";

type Variant = RouterOutputs["catalog"]["productBySlug"]["variants"][number];

/** Choose a variant; the price and availability shown are always the chosen one's. */
export function VariantPicker({ variants }: { variants: Variant[] }) {
  const [selectedId, setSelectedId] = useState(() => (variants.find((v) => v.inStock) ?? variants[0])?.id);
  const selected = variants.find((v) => v.id === selectedId);
  const name = useId();
  if (!selected) return null;
  return (
    <div className="mt-6">
      <p className="text-2xl font-semibold" aria-label="Price">
        {formatMoney(selected.price)}
      </p>
      <p className={`mt-1 text-sm font-medium ${selected.inStock ? "text-brand-700" : "text-red-700"}`}>
        {selected.inStock ? "In stock" : "Out of stock"}
      </p>
      {variants.length > 1 && (
        <fieldset className="mt-6">
          <legend className="mb-2 text-sm font-medium">Options</legend>
          <div className="flex flex-wrap gap-2">
            {variants.map((variant) => (
              <label
                key={variant.id}
                className="cursor-pointer rounded-md border border-gray-300 px-3 py-2 text-sm has-checked:border-brand-700 has-checked:bg-brand-50 has-focus-visible:outline-2 has-focus-visible:outline-brand-600"
              >
                <input
                  type="radio"
                  name={name}
                  value={variant.id}
                  checked={variant.id === selected.id}
                  onChange={() => setSelectedId(variant.id)}
                  className="sr-only"
                />
                {variant.name}
                {!variant.inStock && <span className="text-gray-500"> (sold out)</span>}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <p className="mt-4 text-xs text-gray-500">SKU {selected.sku}</p>
    </div>
  );
}
