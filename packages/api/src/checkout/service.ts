// Checkout: from a cart and an address to a quote (every amount computed here, in minor units)
// and then to an order. The shopper sees what changed before paying for it; a retried checkout
// returns the order it already placed.
import { createHash } from "node:crypto";

import type { Db, DbOrTx } from "@bazaar/db";
import type { Address, StockConflict } from "@bazaar/validators";
import { TRPCError } from "@trpc/server";

import { reviewCart, type CartView } from "../cart/service.ts";
import { fieldError, StockConflictError } from "../errors.ts";
import { placeOrder, replay, taxOn, type PlacedOrder, type TaxRule } from "../orders/service.ts";

export interface ShippingOption {
  code: string;
  name: string;
  amount: number;
  currency: string;
  minDays: number;
  maxDays: number;
}

/**
 * The ways to ship to `country` in `currency`: the rates that list the country, or, for a country
 * no rate lists, the rates that list no countries (everywhere else).
 */
export async function shippingOptions(
  db: DbOrTx,
  country: string,
  currency: string,
): Promise<ShippingOption[]> {
  const rates = await db.shippingRate.findMany({
    where: { active: true, currency },
    orderBy: [{ position: "asc" }, { amount: "asc" }],
  });
  const listed = rates.filter((rate) => rate.countries.includes(country));
  const offered = listed.length > 0 ? listed : rates.filter((rate) => rate.countries.length === 0);
  return offered.map(({ code, name, amount, currency: c, minDays, maxDays }) => ({
    code,
    name,
    amount,
    currency: c.trim(),
    minDays,
    maxDays,
  }));
}

/** The region's own rate, else the country's, else none. */
export async function taxRuleFor(db: DbOrTx, address: Pick<Address, "country" | "region">): Promise<TaxRule> {
  const rates = await db.taxRate.findMany({
    where: { country: address.country, region: { in: [address.region ?? "", ""] } },
  });
  const rate =
    rates.find((r) => r.region !== "" && r.region === address.region) ?? rates.find((r) => r.region === "");
  return rate
    ? { rateBasisPoints: rate.rateBasisPoints, appliesToShipping: rate.appliesToShipping }
    : { rateBasisPoints: 0, appliesToShipping: false };
}

export interface CheckoutQuote {
  cart: CartView;
  /** The lines this look found sold out or short (already cut in the cart, and in `cart.changes`). */
  stockConflicts: StockConflict[];
  currency: string;
  options: ShippingOption[];
  shipping: ShippingOption;
  tax: TaxRule & { amount: number };
  subtotalAmount: number;
  totalAmount: number;
}

/** How an order in `currency` goes to `address`: the options, the one chosen (or the first), the tax. */
async function deliveryTo(
  db: Db,
  address: Address,
  currency: string,
  shippingRate: string | undefined,
): Promise<{ options: ShippingOption[]; shipping: ShippingOption; rule: TaxRule }> {
  const options = await shippingOptions(db, address.country, currency);
  if (options.length === 0) throw fieldError("BAD_REQUEST", "address.country", "is not a country we ship to");
  const shipping = shippingRate ? options.find((o) => o.code === shippingRate) : options[0];
  if (!shipping) throw fieldError("BAD_REQUEST", "shippingRate", "is not offered for this address");
  return { options, shipping, rule: await taxRuleFor(db, address) };
}

/**
 * The 409 for a cart that changed since the shopper last looked; when items sold out or ran
 * short, it carries them as data for clients to name.
 */
function cartChanged({ changes }: CartView, stockConflicts: StockConflict[]): TRPCError {
  const message = `Your cart changed. Please check it before paying: ${changes.join(" ")}`;
  return stockConflicts.length > 0
    ? new StockConflictError(message, stockConflicts)
    : new TRPCError({ code: "CONFLICT", message });
}

export async function quoteCheckout(
  db: Db,
  cartId: string,
  input: { address: Address; shippingRate?: string | undefined },
): Promise<CheckoutQuote> {
  const { cart, stockConflicts } = await reviewCart(db, cartId);
  if (cart.lines.length === 0) {
    // Emptied by this very look (its only items sold out): that is news to tell, not an empty cart.
    if (cart.changes.length > 0) throw cartChanged(cart, stockConflicts);
    throw fieldError("BAD_REQUEST", "cart", "is empty");
  }
  if (!cart.subtotal) throw fieldError("BAD_REQUEST", "cart", "holds items in more than one currency");
  const { currency, amount: subtotalAmount } = cart.subtotal;
  const { options, shipping, rule } = await deliveryTo(db, input.address, currency, input.shippingRate);
  const taxAmount = taxOn(subtotalAmount, shipping.amount, rule);
  return {
    cart,
    stockConflicts,
    currency,
    options,
    shipping,
    tax: { ...rule, amount: taxAmount },
    subtotalAmount,
    totalAmount: subtotalAmount + shipping.amount + taxAmount,
  };
}

export interface CheckoutInput {
  cartId: string;
  userId: string | null;
  email: string;
  address: Address;
  shippingRate: string;
  idempotencyKey: string;
}

/**
 * Place the order for the cart. A checkout retried with the same key returns the order it placed
 * (the cart is empty by then); if the cart changed since the shopper last looked (a price, an item
 * that ran out), nothing is placed and the 409 says what changed. Items that sold out or ran short,
 * seen here or under the order's row locks, are a 409 naming each (`StockConflictError`).
 */
export async function checkout(db: Db, input: CheckoutInput): Promise<PlacedOrder> {
  const scope = input.userId ? `user:${input.userId}` : `cart:${input.cartId}`;
  const hash = createHash("sha256")
    .update(JSON.stringify([input.cartId, input.email, input.address, input.shippingRate]))
    .digest("hex");
  const key = { idempotencyScope: scope, idempotencyKey: input.idempotencyKey };
  const earlier = await replay(db, key, hash);
  if (earlier) return earlier;

  // A retry racing the first use of its key can find the cart already emptied by that order:
  // before refusing, ask again whether the key has placed one meanwhile, and answer with it.
  const refusedUnlessPlaced = async (refusal: unknown): Promise<PlacedOrder> => {
    const placed = await replay(db, key, hash);
    if (placed) return placed;
    throw refusal;
  };
  let quote;
  try {
    quote = await quoteCheckout(db, input.cartId, input);
  } catch (refusal) {
    return refusedUnlessPlaced(refusal);
  }
  if (quote.cart.changes.length > 0)
    return refusedUnlessPlaced(cartChanged(quote.cart, quote.stockConflicts));
  return placeOrder(db, {
    idempotencyScope: scope,
    idempotencyKey: input.idempotencyKey,
    requestHash: hash,
    userId: input.userId,
    email: input.email,
    lines: quote.cart.lines.map((line) => ({ variantId: line.variantId, quantity: line.quantity })),
    shippingAmount: quote.shipping.amount,
    tax: quote.tax,
    shipping: { address: input.address, method: quote.shipping.code },
    clearCartId: input.cartId,
  });
}

export interface LinesCheckoutInput {
  /** Whose idempotency keys these are, e.g. `api-key:<id>`. */
  scope: string;
  lines: { variantId: string; quantity: number }[];
  email: string;
  address: Address;
  shippingRate?: string | undefined;
  idempotencyKey: string;
}

/**
 * Place an order for the items named (an integration, through the REST API): the same prices,
 * shipping, tax, stock and idempotency rules as a checkout, without a cart.
 */
export async function checkoutLines(db: Db, input: LinesCheckoutInput): Promise<PlacedOrder> {
  const lines = [...input.lines].sort((a, b) => a.variantId.localeCompare(b.variantId));
  const hash = createHash("sha256")
    .update(JSON.stringify([lines, input.email, input.address, input.shippingRate ?? null]))
    .digest("hex");
  const key = { idempotencyScope: input.scope, idempotencyKey: input.idempotencyKey };
  const earlier = await replay(db, key, hash);
  if (earlier) return earlier;

  const variantIds = [...new Set(lines.map((line) => line.variantId))];
  const variants = await db.productVariant.findMany({
    where: { id: { in: variantIds }, product: { status: "PUBLISHED" } },
    select: { id: true, currency: true },
  });
  const missing = variantIds.filter((id) => !variants.some((variant) => variant.id === id));
  if (missing.length > 0) throw fieldError("BAD_REQUEST", "lines", `no such item: ${missing.join(", ")}`);
  const currencies = new Set(variants.map((variant) => variant.currency.trim()));
  const [currency] = currencies;
  if (!currency || currencies.size > 1)
    throw fieldError("BAD_REQUEST", "lines", "items in one order must share a currency");
  const { shipping, rule } = await deliveryTo(db, input.address, currency, input.shippingRate);
  return placeOrder(db, {
    ...key,
    requestHash: hash,
    userId: null,
    email: input.email,
    lines,
    shippingAmount: shipping.amount,
    tax: rule,
    shipping: { address: input.address, method: shipping.code },
  });
}
