"use server";

import { formatMoney } from "@bazaar/validators";
import { revalidatePath } from "next/cache";

import { decimalToMinor } from "~/lib/price";
import { field, formError, optionalField, type FormState } from "~/server/form-state";
import { actionCaller } from "~/server/session";

/** The pages that show an order's state: its own, the table, the audit log. */
function revalidateOrder(orderId: string) {
  revalidatePath(`/admin/orders/${orderId}`);
  revalidatePath("/admin/orders");
  revalidatePath("/admin/audit");
}

/** Staff mark a paid order shipped; the shopper's page updates live and the notice is mailed. */
export async function markShipped(_previous: FormState, form: FormData): Promise<FormState> {
  const orderId = field(form, "orderId");
  const values = { carrier: field(form, "carrier"), trackingNumber: field(form, "trackingNumber") };
  try {
    const order = await (
      await actionCaller()
    ).admin.orders.fulfil({
      orderId,
      carrier: optionalField(form, "carrier"),
      trackingNumber: values.trackingNumber,
    });
    revalidateOrder(orderId);
    const via = order.carrier ? ` with ${order.carrier}` : "";
    return {
      ok: true,
      message: `Order ${order.number} is marked shipped${via}, tracking number ${order.trackingNumber ?? ""}. The customer is being emailed.`,
    };
  } catch (error) {
    return formError(error, values);
  }
}

/** Staff cancel an order that has not shipped: stock back, and what was paid refunded. */
export async function cancelOrder(_previous: FormState, form: FormData): Promise<FormState> {
  const orderId = field(form, "orderId");
  const values = { reason: field(form, "reason") };
  try {
    const order = await (await actionCaller()).admin.orders.cancel({ orderId, reason: values.reason });
    revalidateOrder(orderId);
    const refunded =
      order.refundedAmount > 0
        ? ` ${formatMoney({ amount: order.refundedAmount, currency: order.currency })} was refunded to the customer.`
        : "";
    return {
      ok: true,
      message: `Order ${order.number} is cancelled and its items are back in stock.${refunded}`,
    };
  } catch (error) {
    return formError(error, values);
  }
}

/** Staff refund part or all of a paid order; the amount is typed as money ("12.50"). */
export async function refundOrder(_previous: FormState, form: FormData): Promise<FormState> {
  const orderId = field(form, "orderId");
  const currency = field(form, "currency");
  const values = { amount: field(form, "amount"), reason: field(form, "reason") };
  // The currency is the page's hidden field: one that is not a code cannot be read as money.
  const amount = /^[A-Z]{3}$/.test(currency) ? decimalToMinor(values.amount, currency) : null;
  if (amount === null) {
    return { fieldErrors: { amount: ["must be an amount of money, like 12.50"] }, values };
  }
  try {
    const order = await (
      await actionCaller()
    ).admin.orders.refund({ orderId, amount, reason: values.reason });
    revalidateOrder(orderId);
    const money = (minor: number) => formatMoney({ amount: minor, currency: order.currency });
    return {
      ok: true,
      message:
        order.status === "REFUNDED"
          ? `Refunded ${money(amount)}: order ${order.number} is now refunded in full.`
          : `Refunded ${money(amount)} of order ${order.number} (${money(order.refundedAmount)} refunded so far).`,
    };
  } catch (error) {
    return formError(error, values);
  }
}
