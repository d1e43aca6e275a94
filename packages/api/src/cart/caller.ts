import type { Context } from "../context.ts";
import { cartIdForUser, heldGuestCart } from "./service.ts";

/** The caller's cart: the account's when signed in, else the guest cart they hold, if any. */
export function currentCartId(ctx: Context): Promise<string | null> {
  if (ctx.session) return cartIdForUser(ctx.db, ctx.session.user.id);
  return heldGuestCart(ctx.db, ctx.guestCart.id);
}
