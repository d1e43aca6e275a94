"use client";

import type { RouterOutputs } from "@bazaar/api";
import { formatMoney } from "@bazaar/validators";
import { useId } from "react";

import { fieldMessage } from "~/components/form";

type Option = RouterOutputs["checkout"]["quote"]["options"][number];

const choiceClass =
  "flex cursor-pointer items-center gap-3 rounded-md border border-gray-300 px-4 py-3 has-checked:border-brand-700 has-checked:bg-brand-50 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-600";

/** The ways to ship to the address, as the server quoted them; none until the address is complete. */
export function ShippingOptions({
  options,
  selected,
  onSelect,
  errors = [],
}: {
  options: Option[] | undefined;
  selected: string | undefined;
  onSelect: (code: string) => void;
  errors?: string[];
}) {
  const errorId = useId();
  return (
    <fieldset aria-describedby={errors.length > 0 ? errorId : undefined} className="space-y-3">
      <legend className="text-xl font-semibold">Shipping method</legend>
      {options ? (
        options.map((option) => (
          <label key={option.code} className={choiceClass}>
            <input
              type="radio"
              name="shippingRate"
              value={option.code}
              checked={option.code === selected}
              onChange={() => onSelect(option.code)}
              className="accent-brand-700"
            />
            <span className="flex-1">
              <span className="font-medium">{option.name}</span>{" "}
              <span className="text-sm text-gray-600">
                {option.minDays}–{option.maxDays} days
              </span>
            </span>
            <span className="font-medium">{formatMoney(option)}</span>
          </label>
        ))
      ) : (
        <p className="text-sm text-gray-600">Enter your address to see how we can ship to you.</p>
      )}
      {errors.length > 0 && (
        <p id={errorId} className="text-sm text-red-700">
          {errors.map((message) => fieldMessage("Shipping method", message)).join(" ")}
        </p>
      )}
    </fieldset>
  );
}
