import type { SelectHTMLAttributes } from "react";

/** A quantity from 1 to `max`: a list, so nobody can ask for more than can be had. */
export function QuantitySelect({
  max,
  ...select
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, "children" | "className"> & { max: number }) {
  return (
    <select {...select} className="mt-1 rounded-md border border-gray-400 bg-white px-3 py-2">
      {Array.from({ length: max }, (_, i) => i + 1).map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
    </select>
  );
}
