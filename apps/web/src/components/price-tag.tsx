import { formatMoney, type Money } from "@bazaar/validators";

import { percentOff } from "~/lib/price";

/**
 * A price, and when the item is on sale its "was" price struck through with the saving. The
 * struck-through amount is labelled for screen readers, which do not announce strikethrough.
 */
export function PriceTag({
  price,
  compareAt,
  prefix,
  className = "",
}: {
  price: Money;
  compareAt?: Money | null;
  /** "From" on cards whose variants differ in price. */
  prefix?: string;
  className?: string;
}) {
  const saving = percentOff(price, compareAt ?? null);
  return (
    <span className={`inline-flex flex-wrap items-baseline gap-x-2 ${className}`}>
      <span>
        {prefix ? `${prefix} ` : ""}
        {formatMoney(price)}
      </span>
      {saving !== null && compareAt && (
        <>
          <s className="text-[0.85em] font-normal text-gray-600">
            <span className="sr-only">Was </span>
            {formatMoney(compareAt)}
          </s>
          <span className="rounded bg-red-50 px-1.5 py-0.5 text-[0.8em] font-semibold text-red-800">
            Save {saving}%
          </span>
        </>
      )}
    </span>
  );
}
