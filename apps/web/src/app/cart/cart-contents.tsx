"use client";

import { formatMoney } from "@bazaar/validators";
import Link from "next/link";
import { useRef } from "react";

import { CartChanges, useCartChanges } from "~/components/cart-changes";
import { ProblemAlert } from "~/components/problem-alert";
import { quantityProblem } from "~/lib/api-errors";
import { api } from "~/trpc/react";

import { CartLine } from "./cart-line";

const buttonLinkClass =
  "inline-block rounded-md bg-brand-700 px-6 py-3 font-medium text-white hover:bg-brand-900 focus:outline-2 focus:outline-offset-2 focus:outline-brand-700";

/** The cart's lines, what changed since the shopper last looked, the subtotal and the way on. */
export function CartContents() {
  const [cart] = api.cart.get.useSuspenseQuery();
  const utils = api.useUtils();
  const heading = useRef<HTMLHeadingElement>(null);
  const changes = useCartChanges(cart);
  const setQuantity = api.cart.setQuantity.useMutation({
    onSuccess: ({ cart: updated }, { quantity }) => {
      utils.cart.get.setData(undefined, updated);
      // The Remove button is gone with its line: keyboard focus goes back to the top.
      if (quantity === 0) heading.current?.focus();
    },
  });
  const problem = setQuantity.error && quantityProblem(setQuantity.error);

  return (
    <div className="space-y-6">
      <h1 ref={heading} tabIndex={-1} className="text-3xl font-bold focus:outline-none">
        Your cart
      </h1>
      <CartChanges messages={changes} />
      <ProblemAlert message={problem} />
      {cart.lines.length === 0 ? (
        <div className="rounded-lg border border-gray-200 px-6 py-12 text-center">
          <p className="text-lg">Your cart is empty.</p>
          <Link href="/products" className="mt-4 inline-block font-medium text-brand-700 hover:underline">
            Browse products
          </Link>
        </div>
      ) : (
        <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
          <ul aria-label="Items in your cart" className="divide-y divide-gray-200 border-y border-gray-200">
            {cart.lines.map((line) => (
              <CartLine
                key={line.variantId}
                line={line}
                onQuantity={(quantity) => setQuantity.mutate({ variantId: line.variantId, quantity })}
              />
            ))}
          </ul>
          <section
            aria-labelledby="cart-summary"
            className="space-y-4 rounded-lg bg-gray-50 p-6 lg:self-start"
          >
            <h2 id="cart-summary" className="text-lg font-semibold">
              Summary
            </h2>
            {cart.subtotal && (
              <p className="flex justify-between text-lg font-semibold">
                <span>Subtotal</span>
                <output aria-label="Subtotal">{formatMoney(cart.subtotal)}</output>
              </p>
            )}
            <p className="text-sm text-gray-600">Shipping and tax are added at checkout.</p>
            <Link href="/checkout" className={`${buttonLinkClass} w-full text-center`}>
              Checkout
            </Link>
          </section>
        </div>
      )}
    </div>
  );
}
