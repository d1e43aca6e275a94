import type { RouterOutputs } from "@bazaar/api";
import { formatMoney } from "@bazaar/validators";
import Link from "next/link";

type Cart = RouterOutputs["cart"]["get"];
type Quote = RouterOutputs["checkout"]["quote"];

const row = "flex justify-between gap-4";

/**
 * What the order comes to. Every amount is the server's: the cart's subtotal until the address
 * is known, then the quote's subtotal, shipping, tax and total. Nothing is added up here.
 */
export function OrderSummary({
  cart,
  quote,
  updating,
}: {
  cart: Cart;
  quote: Quote | undefined;
  updating: boolean;
}) {
  const subtotal = quote
    ? formatMoney({ amount: quote.subtotalAmount, currency: quote.currency })
    : cart.subtotal && formatMoney(cart.subtotal);
  return (
    <section
      aria-labelledby="summary-heading"
      aria-busy={updating}
      className="space-y-4 rounded-lg bg-gray-50 p-6"
    >
      <div className={`${row} items-baseline`}>
        <h2 id="summary-heading" className="text-xl font-semibold">
          Order summary
        </h2>
        <Link href="/cart" className="text-sm font-medium text-brand-700 hover:underline">
          Edit cart
        </Link>
      </div>
      <ul aria-label="Items" className="space-y-2 text-sm">
        {(quote?.cart ?? cart).lines.map((line) => (
          <li key={line.variantId} className={row}>
            <span>
              {line.productName} <span className="text-gray-600">({line.variantName})</span> × {line.quantity}
            </span>
            <span>{formatMoney({ amount: line.lineAmount, currency: line.unitPrice.currency })}</span>
          </li>
        ))}
      </ul>
      <dl className="space-y-2 border-t border-gray-200 pt-4">
        <div className={row}>
          <dt>Subtotal</dt>
          <dd>{subtotal}</dd>
        </div>
        <div className={row}>
          <dt>Shipping</dt>
          <dd>
            <Quoted amount={quote?.shipping.amount} currency={quote?.currency} />
          </dd>
        </div>
        <div className={row}>
          <dt>Tax</dt>
          <dd>
            <Quoted amount={quote?.taxAmount} currency={quote?.currency} />
          </dd>
        </div>
        <div className={`${row} border-t border-gray-200 pt-2 text-lg font-semibold`}>
          <dt>Total</dt>
          <dd>
            <Quoted amount={quote?.totalAmount} currency={quote?.currency} />
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** An amount from the quote, or word that it comes once the address is known. */
function Quoted({ amount, currency }: { amount: number | undefined; currency: string | undefined }) {
  if (amount === undefined || currency === undefined) {
    return <span className="text-sm font-normal text-gray-600">once we have your address</span>;
  }
  return formatMoney({ amount, currency });
}
