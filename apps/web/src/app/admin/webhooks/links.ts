import type { Route } from "next";

// Typed routes check literal paths; ids from the database are any string, so the links are typed here.

/** An endpoint's page: its settings and its deliveries. */
export function endpointHref(endpointId: string): Route {
  return `/admin/webhooks/${encodeURIComponent(endpointId)}`;
}

/** One delivery's page: its body and every try. */
export function deliveryHref(deliveryId: string): Route {
  return `/admin/webhooks/deliveries/${encodeURIComponent(deliveryId)}`;
}
