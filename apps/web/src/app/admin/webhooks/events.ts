import type { WebhookEvent } from "@bazaar/validators";

/** What each event reports, as the console explains it beside its checkbox. */
export const EVENT_DESCRIPTIONS: Record<WebhookEvent, string> = {
  "order.created": "An order is placed",
  "order.paid": "An order is paid",
  "order.fulfilled": "An order is marked shipped",
  "order.refunded": "An order is refunded, in part or in full",
  "product.updated": "A product is changed (its details, variants, pictures or status)",
  "stock.low": "A variant’s stock runs low",
};
