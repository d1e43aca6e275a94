// The proxy's settings, read once per process from the same variables the rest of the app reads
// (APP_URL, the sign-in providers, DATABASE_URL). Imports stay narrow: the proxy runs for every
// request, including static files, and must not load the API or Prisma.
import { readAuthEnv } from "@bazaar/auth/env";
import { providerAuthorizeOrigins } from "@bazaar/auth/provider-origins";
import { databaseHealthFor, type DatabaseHealth } from "@bazaar/db/availability";

import { serverEnv } from "~/env";

import type { SecuritySettings } from "./headers";

export interface ProxySettings extends SecuritySettings {
  /** APP_URL's origin: the only one whose pages may send cookie-bearing writes. */
  shopOrigin: string;
  database: DatabaseHealth;
}

let cached: ProxySettings | undefined;

export function proxySettings(): ProxySettings {
  if (cached) return cached;
  const auth = readAuthEnv();
  const shop = new URL(auth.APP_URL);
  cached = {
    shopOrigin: shop.origin,
    https: shop.protocol === "https:",
    development: process.env.NODE_ENV === "development",
    // The shop's own origin besides 'self': a page reached under another name (a proxy in front)
    // still posts forms whose answer redirects to APP_URL, such as the payment page's return.
    formActionOrigins: [shop.origin, ...providerAuthorizeOrigins(auth)],
    database: databaseHealthFor(serverEnv().DATABASE_URL),
  };
  return cached;
}
