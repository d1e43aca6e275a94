"use client";

import { MAX_LINE_QUANTITY } from "@bazaar/validators";
import Link from "next/link";
import { useId, useState } from "react";

import { ProblemAlert } from "~/components/problem-alert";
import { quantityProblem } from "~/lib/api-errors";
import type { Variant } from "~/lib/variant";
import { api } from "~/trpc/react";

import { QuantitySelect } from "./quantity-select";

/**
 * A quantity and "Add to cart" for one variant. The product page stays the same for everyone;
 * only this asks the server about the shopper's cart. The outcome is announced either way.
 */
export function AddToCart({ variant }: { variant: Variant }) {
  const id = useId();
  const utils = api.useUtils();
  const [quantity, setQuantity] = useState(1);
  // The call returns the whole cart: the header's count takes it from there, with no second request.
  const add = api.cart.add.useMutation({ onSuccess: ({ cart }) => utils.cart.get.setData(undefined, cart) });
  const most = Math.min(MAX_LINE_QUANTITY, variant.stockLeft ?? MAX_LINE_QUANTITY);
  const problem = add.error && quantityProblem(add.error);

  return (
    <div className="mt-6 space-y-3">
      <form
        aria-label="Add to cart"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate({ variantId: variant.id, quantity });
        }}
      >
        <div>
          <label htmlFor={`${id}-quantity`} className="block text-sm font-medium">
            Quantity
          </label>
          <QuantitySelect
            id={`${id}-quantity`}
            max={most}
            value={quantity}
            disabled={!variant.inStock}
            onChange={(event) => setQuantity(Number(event.target.value))}
          />
        </div>
        <button
          type="submit"
          disabled={!variant.inStock || add.isPending}
          className="rounded-md bg-brand-700 px-6 py-2 font-medium text-white hover:bg-brand-900 focus:outline-2 focus:outline-offset-2 focus:outline-brand-700 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {add.isPending ? "Adding…" : "Add to cart"}
        </button>
      </form>
      <div role="status">
        {add.isSuccess && (
          <div className="space-y-2 rounded-md border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-brand-900">
            <p>
              Added —{" "}
              <Link href="/cart" className="font-medium underline">
                View cart
              </Link>
            </p>
            {/* Said once by the API: what changed in the cart since the shopper last saw it. */}
            {add.data.cart.changes.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </div>
        )}
      </div>
      <ProblemAlert message={problem} />
    </div>
  );
}
