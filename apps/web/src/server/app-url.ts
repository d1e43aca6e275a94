import "server-only";
import { readAuthEnv } from "@bazaar/auth";

import { absoluteUrl } from "~/lib/json-ld";

let cached: string | undefined;

/** The shop's public origin (APP_URL, no trailing slash): canonical links are built from it, never from the Host header. */
export function appUrl(): string {
  cached ??= readAuthEnv().APP_URL;
  return cached;
}

/** An absolute URL on the shop for a path such as "/products/linen-shirt". */
export function shopUrl(path: string): string {
  return absoluteUrl(appUrl(), path);
}
