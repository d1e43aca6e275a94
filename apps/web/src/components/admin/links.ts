import type { Route } from "next";

/**
 * The console's page for one product, order or customer. Typed routes check literal paths as
 * they are written; an id from the database is any string, so the link is typed once, here.
 */
export function adminHref(area: "products" | "orders" | "customers", id: string): Route {
  return `/admin/${area}/${encodeURIComponent(id)}`;
}
