import type { AdminAccessRow } from "./rows.ts";

// Admins only: staff are refused before anything is made or looked up (api-keys.test.ts).
export const apiKeysRows: AdminAccessRow[] = [
  { path: "admin.apiKeys.list", who: "admin", input: {} },
  {
    path: "admin.apiKeys.create",
    who: "admin",
    mutation: true,
    input: { name: "Matrix", scopes: ["catalog:read"] },
  },
  { path: "admin.apiKeys.revoke", who: "admin", mutation: true, input: { apiKeyId: "no-such-key" } },
];
