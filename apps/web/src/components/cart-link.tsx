"use client";

import Link from "next/link";

import { api } from "~/trpc/react";

/** "Cart" with how many items it holds; the count follows every cart change made on the page. */
export function CartLink() {
  // Hydrated from the server's render. No refetch when the tab regains focus: each look at the
  // cart uses up its change messages, which the cart page is there to show.
  const { data } = api.cart.get.useQuery(undefined, { refetchOnWindowFocus: false });
  const count = data?.itemCount ?? 0;
  return (
    <Link href="/cart" className="inline-flex items-center gap-1.5 hover:text-brand-700">
      Cart
      {count > 0 && (
        <>
          {" "}
          <span className="rounded-full bg-brand-700 px-2 py-0.5 text-xs font-semibold text-white">
            {count}
            <span className="sr-only"> {count === 1 ? "item" : "items"}</span>
          </span>
        </>
      )}
    </Link>
  );
}
