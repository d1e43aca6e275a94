// Where outgoing webhooks may go: in production only to public addresses unless allowed, so an
// endpoint cannot be pointed at the shop's own network; in development and tests loopback
// receivers are the usual case. And the key endpoint secrets are sealed with at rest.
import { hkdfSync } from "node:crypto";

import { readAuthEnv } from "@bazaar/auth";
import { z } from "zod";

import { secretBox, type SecretBox } from "./secret-box.ts";

/** 32 bytes, written as 64 hex digits or in base64 (either alphabet, padding optional). */
const keySchema = z
  .string()
  .transform((text) =>
    /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64url"),
  )
  .refine((key) => key.length === 32, "must be 32 bytes, as 64 hex digits or in base64");

const schema = z.object({
  WEBHOOK_ALLOW_PRIVATE_TARGETS: z.stringbool("must be true or false").optional(),
  WEBHOOK_SECRETS_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/_-]+=*$/, "must be 32 bytes, as 64 hex digits or in base64")
    .pipe(keySchema)
    .optional(),
  NODE_ENV: z.string().optional(),
});

export interface WebhooksEnv {
  allowPrivateTargets: boolean;
  /** Seals and opens endpoint secrets (WEBHOOK_SECRETS_KEY, or derived from AUTH_SECRET). */
  secrets: SecretBox;
}

/**
 * The key when WEBHOOK_SECRETS_KEY is not set: HKDF-SHA256 of AUTH_SECRET, for this use only.
 * Without AUTH_SECRET (development and tests; production refuses to start without it) a fixed
 * key, not the per-process random one the signed values use: these values outlive the process.
 */
function derivedSecretsKey(authSecret: string | undefined): Buffer {
  const input = authSecret ?? "bazaar development-only webhook secrets key";
  return Buffer.from(hkdfSync("sha256", input, "bazaar", "webhook-endpoint-secrets", 32));
}

export function readWebhooksEnv(env: Record<string, string | undefined> = process.env): WebhooksEnv {
  // Set but empty counts as not set.
  const set = (value: string | undefined) => (value === "" ? undefined : value);
  const parsed = schema.safeParse({
    WEBHOOK_ALLOW_PRIVATE_TARGETS: set(env.WEBHOOK_ALLOW_PRIVATE_TARGETS),
    WEBHOOK_SECRETS_KEY: set(env.WEBHOOK_SECRETS_KEY),
    NODE_ENV: env.NODE_ENV,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid webhooks configuration:\n${lines.join("\n")}`);
  }
  const { WEBHOOK_ALLOW_PRIVATE_TARGETS: allowed, WEBHOOK_SECRETS_KEY: key, NODE_ENV } = parsed.data;
  return {
    allowPrivateTargets: allowed ?? NODE_ENV !== "production",
    secrets: secretBox(key ?? derivedSecretsKey(readAuthEnv(env).AUTH_SECRET)),
  };
}
