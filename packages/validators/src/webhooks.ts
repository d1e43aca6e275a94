// Outgoing webhooks: the events the shop sends, and what an admin says about an endpoint.
import { z } from "zod";

import { adminPageInput, recordIdSchema } from "./admin.ts";
import { lineText } from "./text.ts";

/** Every event an endpoint can choose; each delivery's body says which one it is in `type`. */
export const WEBHOOK_EVENTS = [
  "order.created",
  "order.paid",
  "order.fulfilled",
  "order.refunded",
  "product.updated",
  "stock.low",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const webhookEventSchema = z.enum(WEBHOOK_EVENTS, `must be one of ${WEBHOOK_EVENTS.join(", ")}`);

/** Where deliveries go: http(s) only, no user name or password in it (the signature authenticates). */
export const webhookUrlSchema = z
  .url({ protocol: /^https?$/, error: "must be an http or https URL" })
  .max(2000, "is too long")
  // Read from the text: this package assumes no URL class (it runs in browsers and on phones too).
  .refine(
    (value) => !/^[a-z]+:\/\/[^/?#]*@/i.test(value) && !value.includes("#"),
    "must not hold a user name, password or #fragment",
  );

const eventsSchema = z
  .array(webhookEventSchema)
  .min(1, "must include at least one event")
  .refine((events) => new Set(events).size === events.length, "must not repeat an event");

export const createWebhookEndpointInput = z.object({
  url: webhookUrlSchema,
  description: lineText().trim().max(200, "must be at most 200 characters").default(""),
  events: eventsSchema,
});

export const webhookEndpointIdInput = z.object({ endpointId: recordIdSchema });

/** Change an endpoint: any of its address, note and events, or switch it off and on. */
export const updateWebhookEndpointInput = webhookEndpointIdInput.extend({
  url: webhookUrlSchema.optional(),
  description: lineText().trim().max(200, "must be at most 200 characters").optional(),
  events: eventsSchema.optional(),
  enabled: z.boolean().optional(),
});

/** How long an endpoint's secret before a rotation keeps signing, unless the admin says otherwise. */
export const SECRET_ROTATION_GRACE_HOURS = 24;

/**
 * Give an endpoint a new secret. The old one signs too for `graceHours`, so its receiver can
 * switch over without refusing a delivery; 0 stops it at once (a secret that leaked).
 */
export const rotateWebhookSecretInput = webhookEndpointIdInput.extend({
  graceHours: z
    .number()
    .int("must be a whole number of hours")
    .min(0, "must be 0 or more")
    .max(168, "must be at most 168 (a week)")
    .default(SECRET_ROTATION_GRACE_HOURS),
});

export const listWebhookEndpointsInput = adminPageInput;

export const WEBHOOK_DELIVERY_STATUSES = ["PENDING", "SUCCEEDED", "FAILED"] as const;

/** One endpoint's deliveries, newest first, optionally only those in one state. */
export const listWebhookDeliveriesInput = adminPageInput.extend({
  endpointId: recordIdSchema,
  status: z.enum(WEBHOOK_DELIVERY_STATUSES, "must be PENDING, SUCCEEDED or FAILED").optional(),
});

export const webhookDeliveryIdInput = z.object({ deliveryId: recordIdSchema });
