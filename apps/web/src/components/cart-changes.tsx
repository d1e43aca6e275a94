"use client";

import type { RouterOutputs } from "@bazaar/api";
import { useState } from "react";

type CartView = RouterOutputs["cart"]["get"];

/**
 * Every change message of the cart views this page has been given. The API says each change only
 * once, so a message that came with one view (a refetch, a mutation's answer) must stay on screen
 * when the next view arrives without it.
 */
export function useCartChanges(cart: Pick<CartView, "changes"> | undefined): string[] {
  const [seen, setSeen] = useState<{ cart: typeof cart; messages: string[] }>({
    cart: undefined,
    messages: [],
  });
  if (cart === seen.cart) return seen.messages;
  const messages = cart ? [...new Set([...seen.messages, ...cart.changes])] : seen.messages;
  setSeen({ cart, messages });
  return messages;
}

/** What changed in the cart (a price, an item that ran out), in a status region near the top. */
export function CartChanges({ messages }: { messages: string[] }) {
  return (
    <div role="status">
      {messages.length > 0 && (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">
          <p className="font-semibold">Your cart has changed</p>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
            {messages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
