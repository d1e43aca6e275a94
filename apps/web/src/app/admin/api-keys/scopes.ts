import type { ApiKeyScope } from "@bazaar/validators";

/** What each scope lets a key do, as the console explains it. */
export const SCOPE_DESCRIPTIONS: Record<ApiKeyScope, string> = {
  "catalog:read": "Read products, categories and search",
  "stock:read": "Read stock levels",
  "stock:write": "Adjust stock",
  "orders:read": "Read orders",
  "orders:write": "Place orders",
  "fulfilment:write": "Mark orders shipped",
};
