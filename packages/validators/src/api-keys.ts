// API keys for the REST API: an admin names a key and chooses what it may do.
import { z } from "zod";

import { adminPageInput, recordIdSchema } from "./admin.ts";
import { lineText } from "./text.ts";

/**
 * What a key may be allowed, one area and verb each; a key holds at least one. Reads never
 * include writes: a key that marks orders shipped cannot also change the catalog.
 */
export const API_KEY_SCOPES = [
  "catalog:read",
  "stock:read",
  "stock:write",
  "orders:read",
  "orders:write",
  "fulfilment:write",
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES, `must be one of ${API_KEY_SCOPES.join(", ")}`);

export const createApiKeyInput = z.object({
  name: lineText().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  scopes: z
    .array(apiKeyScopeSchema)
    .min(1, "must include at least one scope")
    .refine((scopes) => new Set(scopes).size === scopes.length, "must not repeat a scope"),
});

export const apiKeyIdInput = z.object({ apiKeyId: recordIdSchema });

/** Every key, newest first, revoked ones included (they say when). */
export const listApiKeysInput = adminPageInput;
