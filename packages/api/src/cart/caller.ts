import type { Context } from "../context.ts";
import { findCartOfUser, heldGuestCart, mergeGuestCart } from "./service.ts";

/** The caller's cart, if there is one: the account's when signed in, else the guest cart they hold. */
export function currentCartId(ctx: Context): Promise<string | null> {
  if (ctx.session) return findCartOfUser(ctx.db, ctx.session.user.id);
  return heldGuestCart(ctx.db, ctx.guestCart.id);
}

/**
 * A guest cart the caller held before signing in joins the account's, and its cookie goes (every
 * way of signing in calls this: password, magic link, OAuth). True when there was one.
 */
export async function joinGuestCart(ctx: Context, userId: string): Promise<boolean> {
  if (!ctx.guestCart.id) return false;
  await mergeGuestCart(ctx.db, ctx.guestCart.id, userId);
  ctx.guestCart.forget();
  return true;
}
