// The header's cart link. Its count depends on the visitor's cookies, so the layout renders it
// inside a Suspense boundary: the rest of the header does not wait for it.
import Link from "next/link";

import { HydrateCart, prefetchCart } from "~/trpc/server";

import { CartLink } from "./cart-link";

export async function CartMenu() {
  await prefetchCart();
  return (
    <li>
      <HydrateCart>
        <CartLink />
      </HydrateCart>
    </li>
  );
}

/** Until the count is known, or where it never arrives, the link without it. */
export function CartMenuFallback() {
  return (
    <li>
      <Link href="/cart" className="hover:text-brand-700">
        Cart
      </Link>
    </li>
  );
}
