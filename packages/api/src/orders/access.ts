// Who may see an order: its account, staff, the guest whose cart placed it, or anyone holding the
// signed link from the confirmation mail (a guest on another device). Everyone else gets "not
// found", so order ids are never confirmed to strangers.
import { signValue, verifySignedValue } from "@bazaar/auth";

import type { Context } from "../context.ts";

const PURPOSE = "order-access";

/** The `access` parameter of a guest's order link. */
export function orderAccessToken(secret: string, orderId: string): string {
  return signValue(secret, PURPOSE, orderId);
}

/** The path of an order's page: with the signed access parameter for an order without an account. */
export function orderPagePath(secret: string, order: { id: string; userId: string | null }): string {
  const path = `/orders/${order.id}`;
  return order.userId ? path : `${path}?access=${encodeURIComponent(orderAccessToken(secret, order.id))}`;
}

/**
 * How the caller may reach an order: as the one who placed it (their account, their guest cart, or
 * the signed link), as staff, or not at all (null).
 */
export async function orderAccess(
  ctx: Context,
  orderId: string,
  accessToken?: string,
): Promise<"placer" | "staff" | null> {
  if (accessToken && verifySignedValue(ctx.signingSecret, PURPOSE, accessToken) === orderId) return "placer";
  const order = await ctx.db.order.findUnique({
    where: { id: orderId },
    select: { userId: true, idempotencyScope: true },
  });
  if (!order) return null;
  if (ctx.session) {
    if (order.userId === ctx.session.user.id) return "placer";
    return ctx.session.user.role === "CUSTOMER" ? null : "staff";
  }
  const guestsOwn =
    ctx.guestCart.id !== null &&
    order.userId === null &&
    order.idempotencyScope === `cart:${ctx.guestCart.id}`;
  return guestsOwn ? "placer" : null;
}
