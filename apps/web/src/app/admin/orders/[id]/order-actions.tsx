"use client";

import { useActionState } from "react";

import { TextAreaField } from "~/components/admin/fields";
import { FormMessage, initialFormState, SubmitButton, TextField } from "~/components/form";

import { cancelOrder, markShipped, refundOrder } from "./actions";

interface OrderForActions {
  id: string;
  number: number;
  currency: string;
  /** What can still be refunded, formatted ("$12.50"). */
  refundableText: string;
  shipped: boolean;
  /** What cancelling would refund (a paid order's remainder), formatted; null when unpaid. */
  cancelRefundText: string | null;
  can: { fulfil: boolean; cancel: boolean; refund: boolean };
}

const panel = "space-y-3 rounded-md border border-gray-200 p-4";

/**
 * What staff can do to the order. Each form stays on the page after it succeeds (the page is
 * drawn again without it), so its message is still read: the panels stay while they have news.
 */
export function OrderActions({ order }: { order: OrderForActions }) {
  const [shipped, ship] = useActionState(markShipped, initialFormState);
  const [cancelled, cancel] = useActionState(cancelOrder, initialFormState);
  const [refunded, refund] = useActionState(refundOrder, initialFormState);
  const showShip = order.can.fulfil || Boolean(shipped.message);
  const showCancel = order.can.cancel || Boolean(cancelled.message);
  const showRefund = order.can.refund || Boolean(refunded.message);
  if (!showShip && !showCancel && !showRefund) return null;
  return (
    <section aria-labelledby="actions-heading" className="space-y-4">
      <h2 id="actions-heading" className="text-xl font-semibold">
        Actions
      </h2>
      <div className="grid gap-4 lg:grid-cols-3">
        {showShip && (
          <div className={panel}>
            <h3 className="font-semibold">Mark shipped</h3>
            {order.can.fulfil && (
              <form action={ship} aria-label="Mark shipped" className="space-y-3">
                <input type="hidden" name="orderId" value={order.id} />
                <TextField
                  label="Carrier"
                  name="carrier"
                  state={shipped}
                  maxLength={60}
                  hint="Optional, e.g. UPS"
                />
                <TextField
                  label="Tracking number"
                  name="trackingNumber"
                  state={shipped}
                  required
                  maxLength={100}
                  autoComplete="off"
                />
                <SubmitButton pendingLabel="Saving…">Mark shipped</SubmitButton>
              </form>
            )}
            <FormMessage state={shipped} />
          </div>
        )}
        {showRefund && (
          <div className={panel}>
            <h3 className="font-semibold">Refund</h3>
            {order.can.refund && (
              <form action={refund} aria-label="Refund" className="space-y-3">
                <input type="hidden" name="orderId" value={order.id} />
                <input type="hidden" name="currency" value={order.currency} />
                <TextField
                  label={`Amount (${order.currency})`}
                  name="amount"
                  state={refunded}
                  required
                  inputMode="decimal"
                  autoComplete="off"
                  hint={
                    order.shipped
                      ? `Up to ${order.refundableText}.`
                      : `Up to ${order.refundableText}. To give everything back on an order that has not shipped, cancel it instead: that also returns the stock.`
                  }
                />
                <TextAreaField
                  label="Reason"
                  name="reason"
                  state={refunded}
                  required
                  maxLength={500}
                  rows={2}
                />
                <SubmitButton pendingLabel="Refunding…">Refund</SubmitButton>
              </form>
            )}
            <FormMessage state={refunded} />
          </div>
        )}
        {showCancel && (
          <div className={panel}>
            <h3 className="font-semibold">Cancel order</h3>
            {order.can.cancel && (
              <form action={cancel} aria-label="Cancel order" className="space-y-3">
                <input type="hidden" name="orderId" value={order.id} />
                <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  Cancelling cannot be undone. The items go back into stock
                  {order.cancelRefundText
                    ? `, and ${order.cancelRefundText} is refunded to the customer's card at once.`
                    : "; nothing was paid, so nothing is refunded."}
                </p>
                <TextAreaField
                  label="Reason"
                  name="reason"
                  state={cancelled}
                  required
                  maxLength={500}
                  rows={2}
                />
                <SubmitButton variant="danger" pendingLabel="Cancelling…">
                  Cancel order {order.number}
                </SubmitButton>
              </form>
            )}
            <FormMessage state={cancelled} />
          </div>
        )}
      </div>
    </section>
  );
}
