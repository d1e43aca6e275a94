"use client";

import { formatMoney } from "@bazaar/validators";
import { useId, useState } from "react";

import { optionLabel } from "~/lib/listing-params";
import { percentOff } from "~/lib/price";
import type { Variant } from "~/lib/variant";

import { AddToCart } from "./add-to-cart";

/** The option names that tell these variants apart ("size", "colour"), or none to pick by name. */
function optionAxes(variants: Variant[]): { name: string; values: string[] }[] {
  const [first] = variants;
  if (!first || variants.length < 2) return [];
  const names = Object.keys(first.options);
  const consistent =
    names.length > 0 &&
    variants.every(
      (v) => Object.keys(v.options).length === names.length && names.every((n) => n in v.options),
    );
  if (!consistent) return [];
  return names.map((name) => ({
    name,
    values: [...new Set(variants.map((v) => v.options[name] ?? ""))],
  }));
}

const matches = (variant: Variant, chosen: Record<string, string>) =>
  Object.entries(chosen).every(([name, value]) => variant.options[name] === value);

function stockText(variant: Variant): string {
  if (!variant.inStock) return "Out of stock";
  if (variant.stockLeft !== null) return `Only ${variant.stockLeft} left`;
  return "In stock";
}

const choiceClass =
  "cursor-pointer rounded-md border border-gray-400 px-3 py-2 text-sm has-checked:border-brand-700 has-checked:bg-brand-50 has-checked:font-semibold has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-600";

/**
 * Choose a variant, one option at a time (size, then colour) or by name when the variants have no
 * options in common. The price, "was" price, stock state and SKU shown are always the chosen one's,
 * and are announced when they change; "Add to cart" adds the chosen one.
 */
export function VariantPicker({ variants }: { variants: Variant[] }) {
  const id = useId();
  const axes = optionAxes(variants);
  const [selectedId, setSelectedId] = useState(() => (variants.find((v) => v.inStock) ?? variants[0])?.id);
  const selected = variants.find((v) => v.id === selectedId);
  if (!selected) return null;

  /** Choose one option value, keeping the others where a variant has that combination. */
  const choose = (name: string, value: string) => {
    const wanted = { ...selected.options, [name]: value };
    const candidates = variants.filter((v) => v.options[name] === value);
    const next =
      candidates.find((v) => matches(v, wanted)) ?? candidates.find((v) => v.inStock) ?? candidates[0];
    if (next) setSelectedId(next.id);
  };

  const saving = percentOff(selected.price, selected.compareAt);
  return (
    <div className="mt-6">
      <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <output aria-label="Price" className="text-2xl font-semibold">
          {formatMoney(selected.price)}
        </output>
        {selected.compareAt && saving !== null && (
          <>
            <s className="text-lg text-gray-600">
              <span className="sr-only">Was </span>
              {formatMoney(selected.compareAt)}
            </s>
            <span className="rounded bg-red-50 px-2 py-0.5 text-sm font-semibold text-red-800">
              Save {saving}%
            </span>
          </>
        )}
      </p>
      <p className="mt-1 text-sm font-medium">
        <output
          aria-label="Availability"
          className={
            !selected.inStock
              ? "text-red-800"
              : selected.stockLeft !== null
                ? "text-amber-800"
                : "text-brand-700"
          }
        >
          {stockText(selected)}
        </output>
      </p>

      {axes.map((axis) => (
        <fieldset key={axis.name} className="mt-6">
          <legend className="mb-2 text-sm font-medium">
            {optionLabel(axis.name)}: <span className="font-normal">{selected.options[axis.name]}</span>
          </legend>
          <div className="flex flex-wrap gap-2">
            {axis.values.map((value) => {
              const combination = variants.find((v) =>
                matches(v, { ...selected.options, [axis.name]: value }),
              );
              const note = !combination ? " (unavailable)" : !combination.inStock ? " (sold out)" : "";
              return (
                <label key={value} className={choiceClass}>
                  <input
                    type="radio"
                    name={`${id}-${axis.name}`}
                    value={value}
                    checked={selected.options[axis.name] === value}
                    onChange={() => choose(axis.name, value)}
                    className="sr-only"
                  />
                  {value}
                  {note && <span className="text-gray-600">{note}</span>}
                </label>
              );
            })}
          </div>
        </fieldset>
      ))}

      {axes.length === 0 && variants.length > 1 && (
        <fieldset className="mt-6">
          <legend className="mb-2 text-sm font-medium">Options</legend>
          <div className="flex flex-wrap gap-2">
            {variants.map((variant) => (
              <label key={variant.id} className={choiceClass}>
                <input
                  type="radio"
                  name={`${id}-variant`}
                  value={variant.id}
                  checked={variant.id === selected.id}
                  onChange={() => setSelectedId(variant.id)}
                  className="sr-only"
                />
                {variant.name}
                {!variant.inStock && <span className="text-gray-600"> (sold out)</span>}
              </label>
            ))}
          </div>
        </fieldset>
      )}

      {/* A new variant starts afresh: quantity 1, no message about the last one. */}
      <AddToCart key={selected.id} variant={selected} />

      <p className="mt-4 text-xs text-gray-600">SKU {selected.sku}</p>
    </div>
  );
}
