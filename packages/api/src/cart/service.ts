// Carts: a guest's (found by a signed cookie) or an account's. Prices and availability are always
// those of the catalog now; what changed since the shopper last looked is said once, in words.
import type { Db, DbOrTx, Prisma } from "@bazaar/db";
import { TRPCError } from "@trpc/server";

import { formatMoney, MAX_LINE_QUANTITY, type StockConflict } from "@bazaar/validators";

import { fieldError } from "../errors.ts";

export { MAX_LINE_QUANTITY };

export interface CartLine {
  variantId: string;
  productSlug: string;
  productName: string;
  variantName: string;
  sku: string;
  image: { url: string; alt: string } | null;
  unitPrice: { amount: number; currency: string };
  quantity: number;
  lineAmount: number;
  /** How many could be added now, within MAX_LINE_QUANTITY and the stock. */
  maxQuantity: number;
}

export interface CartView {
  id: string;
  lines: CartLine[];
  itemCount: number;
  subtotal: { amount: number; currency: string } | null;
  /** What changed since the shopper last looked: a price, an item that ran out or ran short. */
  changes: string[];
}

export async function createGuestCart(db: Db): Promise<string> {
  return (await db.cart.create({ data: {}, select: { id: true } })).id;
}

/** The guest cart behind a verified token, or null when it is gone (merged, cleaned up) or an account's. */
export async function heldGuestCart(db: Db, cartId: string | null): Promise<string | null> {
  if (!cartId) return null;
  const cart = await db.cart.findFirst({ where: { id: cartId, userId: null }, select: { id: true } });
  return cart?.id ?? null;
}

/** The account's cart, if it has one yet (reading never makes one). */
export async function findCartOfUser(db: DbOrTx, userId: string): Promise<string | null> {
  return (await db.cart.findUnique({ where: { userId }, select: { id: true } }))?.id ?? null;
}

/**
 * The account's cart, made on first use. Two first requests at once (two tabs, a double click)
 * both find none: the insert skips a duplicate instead of failing on the unique user id, and
 * both then read the one cart that exists.
 */
export async function cartIdForUser(db: DbOrTx, userId: string): Promise<string> {
  const existing = await findCartOfUser(db, userId);
  if (existing) return existing;
  await db.cart.createMany({ data: [{ userId }], skipDuplicates: true });
  const made = await findCartOfUser(db, userId);
  if (!made) throw new Error(`the cart of user ${userId} was neither found nor made`);
  return made;
}

/**
 * One write to a cart at a time: its row is locked until the transaction ends, so concurrent
 * adds, quantity changes, merges and reviews of one cart queue up instead of racing each other's
 * reads (a lost add, or a duplicate line on the (cart, variant) key). False when it is gone.
 */
async function lockCart(tx: Prisma.TransactionClient, cartId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "Cart" WHERE id = ${cartId} FOR NO KEY UPDATE`;
  return rows.length > 0;
}

/**
 * The cart as it stands in the catalog now. Lines that sold out are removed, lines above the
 * stock are cut down, and prices are today's; each such change is reported once in `changes`
 * and written back, so the next look is quiet.
 */
export async function viewCart(db: Db, cartId: string): Promise<CartView> {
  return (await reviewCart(db, cartId)).cart;
}

/**
 * `viewCart`, and the lines it found sold out or short as data: checkout refuses those with a
 * 409 that names them, also when nothing is left in the cart.
 */
export async function reviewCart(
  db: Db,
  cartId: string,
): Promise<{ cart: CartView; stockConflicts: StockConflict[] }> {
  return db.$transaction(async (tx) => {
    await lockCart(tx, cartId);
    const items = await tx.cartItem.findMany({
      where: { cartId },
      orderBy: { addedAt: "asc" },
      include: {
        variant: {
          select: {
            sku: true,
            name: true,
            priceAmount: true,
            currency: true,
            stockOnHand: true,
            product: {
              select: {
                status: true,
                slug: true,
                name: true,
                images: { select: { url: true, alt: true }, orderBy: { position: "asc" }, take: 1 },
              },
            },
          },
        },
      },
    });
    const changes: string[] = [];
    const stockConflicts: StockConflict[] = [];
    const lines: CartLine[] = [];
    for (const item of items) {
      const { variant } = item;
      const currency = variant.currency.trim();
      const label = `${variant.product.name} (${variant.name})`;
      const conflict = (available: number): StockConflict => ({
        variantId: item.variantId,
        productName: variant.product.name,
        variantName: variant.name,
        requested: item.quantity,
        available,
      });
      if (variant.product.status !== "PUBLISHED") {
        await tx.cartItem.deleteMany({ where: { cartId, variantId: item.variantId } });
        changes.push(`${label} is no longer sold and was taken out of your cart.`);
        continue;
      }
      if (variant.stockOnHand <= 0) {
        await tx.cartItem.deleteMany({ where: { cartId, variantId: item.variantId } });
        changes.push(`${label} sold out and was taken out of your cart.`);
        stockConflicts.push(conflict(0));
        continue;
      }
      let quantity = item.quantity;
      if (quantity > variant.stockOnHand) {
        quantity = variant.stockOnHand;
        stockConflicts.push(conflict(quantity));
        changes.push(
          `Only ${quantity} of ${label} ${quantity === 1 ? "is" : "are"} left, so your cart now has ${quantity}.`,
        );
      }
      if (item.unitAmountSeen !== variant.priceAmount) {
        changes.push(
          `The price of ${label} changed from ${formatMoney({ amount: item.unitAmountSeen, currency })} to ${formatMoney({ amount: variant.priceAmount, currency })}.`,
        );
      }
      if (quantity !== item.quantity || item.unitAmountSeen !== variant.priceAmount) {
        await tx.cartItem.update({
          where: { cartId_variantId: { cartId, variantId: item.variantId } },
          data: { quantity, unitAmountSeen: variant.priceAmount },
        });
      }
      const image = variant.product.images[0];
      lines.push({
        variantId: item.variantId,
        productSlug: variant.product.slug,
        productName: variant.product.name,
        variantName: variant.name,
        sku: variant.sku,
        image: image ? { url: image.url, alt: image.alt } : null,
        unitPrice: { amount: variant.priceAmount, currency },
        quantity,
        lineAmount: variant.priceAmount * quantity,
        maxQuantity: Math.min(MAX_LINE_QUANTITY, variant.stockOnHand),
      });
    }
    const currencies = new Set(lines.map((line) => line.unitPrice.currency));
    const [currency] = currencies;
    const cart = {
      id: cartId,
      lines,
      itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
      subtotal:
        currency && currencies.size === 1
          ? { amount: lines.reduce((sum, line) => sum + line.lineAmount, 0), currency }
          : null,
      changes,
    };
    return { cart, stockConflicts };
  });
}

async function variantForCart(db: Db | Prisma.TransactionClient, variantId: string) {
  const variant = await db.productVariant.findUnique({
    // Only published products are for sale; a draft's or an archived product's variant is not.
    where: { id: variantId, product: { status: "PUBLISHED" } },
    select: { priceAmount: true, stockOnHand: true, currency: true },
  });
  if (!variant) throw fieldError("BAD_REQUEST", "variantId", "is not an item in the shop");
  return variant;
}

/**
 * Put `quantity` more of a variant in the cart. More than the stock (or the per-line limit) is
 * refused with the number that can still be added, and nothing changes.
 */
export async function addToCart(db: Db, cartId: string, input: { variantId: string; quantity: number }) {
  await db.$transaction(async (tx) => {
    if (!(await lockCart(tx, cartId)))
      throw new TRPCError({ code: "NOT_FOUND", message: "That cart is gone." });
    const variant = await variantForCart(tx, input.variantId);
    const current = await tx.cartItem.findUnique({
      where: { cartId_variantId: { cartId, variantId: input.variantId } },
      select: { quantity: true },
    });
    const wanted = (current?.quantity ?? 0) + input.quantity;
    refuseBeyond(wanted, variant.stockOnHand, current?.quantity ?? 0);
    await tx.cartItem.upsert({
      where: { cartId_variantId: { cartId, variantId: input.variantId } },
      create: { cartId, variantId: input.variantId, quantity: wanted, unitAmountSeen: variant.priceAmount },
      update: { quantity: wanted, unitAmountSeen: variant.priceAmount },
    });
    await tx.cart.update({ where: { id: cartId }, data: { updatedAt: new Date() } });
  });
  return viewCart(db, cartId);
}

/** Set a line's quantity; 0 takes it out. */
export async function setCartQuantity(
  db: Db,
  cartId: string,
  input: { variantId: string; quantity: number },
) {
  await db.$transaction(async (tx) => {
    if (!(await lockCart(tx, cartId))) return;
    if (input.quantity === 0) {
      await tx.cartItem.deleteMany({ where: { cartId, variantId: input.variantId } });
      return;
    }
    const variant = await variantForCart(tx, input.variantId);
    const current = await tx.cartItem.findUnique({
      where: { cartId_variantId: { cartId, variantId: input.variantId } },
      select: { quantity: true },
    });
    if (!current) throw fieldError("BAD_REQUEST", "variantId", "is not in your cart");
    refuseBeyond(input.quantity, variant.stockOnHand, 0);
    await tx.cartItem.update({
      where: { cartId_variantId: { cartId, variantId: input.variantId } },
      data: { quantity: input.quantity, unitAmountSeen: variant.priceAmount },
    });
  });
  return viewCart(db, cartId);
}

function refuseBeyond(wanted: number, stock: number, alreadyInCart: number) {
  if (stock <= 0) throw new TRPCError({ code: "CONFLICT", message: "That item is sold out." });
  const limit = Math.min(MAX_LINE_QUANTITY, stock);
  if (wanted > limit) {
    const more = Math.max(0, limit - alreadyInCart);
    throw fieldError(
      "CONFLICT",
      "quantity",
      stock < MAX_LINE_QUANTITY
        ? `only ${stock} left${alreadyInCart > 0 ? `, and ${alreadyInCart} already in your cart: you can add ${more} more` : ""}`
        : `at most ${MAX_LINE_QUANTITY} of one item per order`,
    );
  }
}

/**
 * On sign-in, the guest's cart joins the account's: quantities add up (within the limit; the
 * stock is checked when the cart is next viewed), and the guest cart is gone. Returns the
 * account's cart id.
 */
export async function mergeGuestCart(db: Db, guestCartId: string, userId: string): Promise<string> {
  return db.$transaction(async (tx) => {
    const target = { id: await cartIdForUser(tx, userId) };
    if (target.id === guestCartId) return target.id;
    // Two sign-ins of one account at once, each bringing a guest cart, merge one after the other.
    await lockCart(tx, target.id);
    const guest = await tx.cart.findUnique({
      where: { id: guestCartId },
      select: { userId: true, items: true },
    });
    // Only a guest cart merges: never another account's, whatever id arrives.
    if (guest?.userId !== null) return target.id;
    for (const item of guest.items) {
      const existing = await tx.cartItem.findUnique({
        where: { cartId_variantId: { cartId: target.id, variantId: item.variantId } },
        select: { quantity: true },
      });
      const quantity = Math.min(MAX_LINE_QUANTITY, (existing?.quantity ?? 0) + item.quantity);
      await tx.cartItem.upsert({
        where: { cartId_variantId: { cartId: target.id, variantId: item.variantId } },
        create: {
          cartId: target.id,
          variantId: item.variantId,
          quantity,
          unitAmountSeen: item.unitAmountSeen,
        },
        update: { quantity },
      });
    }
    await tx.cart.deleteMany({ where: { id: guestCartId, userId: null } });
    return target.id;
  });
}
