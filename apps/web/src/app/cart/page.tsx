import type { Metadata } from "next";

import { HydrateCart, prefetchCart } from "~/trpc/server";

import { CartContents } from "./cart-contents";

export const metadata: Metadata = { title: "Your cart", robots: { index: false } };

// Each shopper's own cart, as the catalog has it now: never cached.
export const dynamic = "force-dynamic";

export default async function CartPage() {
  await prefetchCart();
  return (
    <HydrateCart>
      <CartContents />
    </HydrateCart>
  );
}
