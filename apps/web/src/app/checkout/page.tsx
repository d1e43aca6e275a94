import type { Metadata } from "next";

import { getSession } from "~/server/session";
import { HydrateCart, prefetchCart } from "~/trpc/server";

import { CheckoutForm } from "./checkout-form";

export const metadata: Metadata = { title: "Checkout", robots: { index: false } };

// The shopper's own cart and session: never cached.
export const dynamic = "force-dynamic";

export default async function CheckoutPage() {
  const [session] = await Promise.all([getSession(), prefetchCart()]);
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Checkout</h1>
      <HydrateCart>
        <CheckoutForm email={session?.user.email ?? null} />
      </HydrateCart>
    </div>
  );
}
