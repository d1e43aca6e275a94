"use client";

import type { RouterOutputs } from "@bazaar/api";
import { formatMoney } from "@bazaar/validators";
import Link from "next/link";
import { useId } from "react";

import { QuantitySelect } from "~/components/quantity-select";
import { ShopImage } from "~/components/shop-image";

type Line = RouterOutputs["cart"]["get"]["lines"][number];

/** One line: picture, name, variant, price, a quantity within what can be had, and Remove. */
export function CartLine({ line, onQuantity }: { line: Line; onQuantity: (quantity: number) => void }) {
  const id = useId();
  const item = `${line.productName}, ${line.variantName}`;
  return (
    <li className="flex gap-4 py-4">
      <div className="relative size-20 shrink-0 overflow-hidden rounded-md bg-gray-100">
        {/* The name beside it says what it shows: the picture adds nothing for a screen reader. */}
        {line.image && <ShopImage src={line.image.url} alt="" fill sizes="80px" className="object-cover" />}
      </div>
      <div className="flex min-w-0 flex-1 flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-1">
          <h2 className="font-medium">
            <Link href={`/products/${line.productSlug}`} className="hover:text-brand-700 hover:underline">
              {line.productName}
            </Link>
          </h2>
          <p className="text-sm text-gray-600">{line.variantName}</p>
          <p className="text-sm">{formatMoney(line.unitPrice)} each</p>
        </div>
        <div className="flex items-end gap-3">
          <div>
            <label htmlFor={`${id}-quantity`} className="block text-sm font-medium">
              Quantity<span className="sr-only"> of {item}</span>
            </label>
            <QuantitySelect
              id={`${id}-quantity`}
              max={line.maxQuantity}
              value={line.quantity}
              onChange={(event) => onQuantity(Number(event.target.value))}
            />
          </div>
          <button
            type="button"
            onClick={() => onQuantity(0)}
            className="rounded-md border border-gray-300 bg-white px-3 py-2 text-sm font-medium hover:bg-gray-50 focus:outline-2 focus:outline-offset-2 focus:outline-brand-700"
          >
            Remove<span className="sr-only"> {item}</span>
          </button>
        </div>
        <p className="font-semibold sm:w-24 sm:text-right">
          {formatMoney({ amount: line.lineAmount, currency: line.unitPrice.currency })}
        </p>
      </div>
    </li>
  );
}
