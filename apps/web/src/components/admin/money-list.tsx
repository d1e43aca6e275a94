import { formatMoney, type Money } from "@bazaar/validators";

/**
 * Amounts in several currencies, each on its own (money in different currencies is never added).
 * An empty list reads as zero in `zeroIn`, or a dash.
 */
export function MoneyList({ amounts, zeroIn }: { amounts: readonly Money[]; zeroIn?: string }) {
  if (amounts.length === 0) return <span>{zeroIn ? formatMoney({ amount: 0, currency: zeroIn }) : "—"}</span>;
  return (
    <span className="inline-flex flex-wrap gap-x-3">
      {amounts.map((money) => (
        <span key={money.currency} className="whitespace-nowrap">
          {formatMoney(money)}
        </span>
      ))}
    </span>
  );
}
