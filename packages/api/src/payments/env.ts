// The payment settings, read once per process: which provider, and how its webhooks are signed.
import { readAuthEnv } from "@bazaar/auth";
import type { Db } from "@bazaar/db";
import { z } from "zod";

import type { PaymentProvider } from "./provider.ts";
import { paymentsWebhookSecret, testPaymentProvider } from "./test-provider.ts";

const schema = z.object({
  /** Only the built-in test provider exists so far; a real one adds its name here. */
  PAYMENTS_PROVIDER: z.enum(["test"]).default("test"),
  PAYMENTS_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  /** How long the test provider waits before reporting a card's outcome (to watch "confirming payment"). */
  TEST_PAYMENTS_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
});

export interface Payments {
  /** The provider, working with the shop's database (the test provider's payments are there). */
  provider(db: Db): PaymentProvider;
  webhookSecret: string;
  testDeliveryDelayMs: number;
}

let cached: Payments | undefined;

export function paymentsFromEnv(env: NodeJS.ProcessEnv = process.env): Payments {
  if (cached) return cached;
  // An empty variable counts as unset, as in the other env modules.
  const set = (value: string | undefined) => (value === "" ? undefined : value);
  const parsed = schema.safeParse({
    PAYMENTS_PROVIDER: set(env.PAYMENTS_PROVIDER),
    PAYMENTS_WEBHOOK_SECRET: set(env.PAYMENTS_WEBHOOK_SECRET),
    TEST_PAYMENTS_DELAY_MS: set(env.TEST_PAYMENTS_DELAY_MS),
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid payments configuration:\n${lines.join("\n")}`);
  }
  const webhookSecret = paymentsWebhookSecret(parsed.data.PAYMENTS_WEBHOOK_SECRET, readAuthEnv().AUTH_SECRET);
  cached = {
    provider: (db) => testPaymentProvider(webhookSecret, db),
    webhookSecret,
    testDeliveryDelayMs: parsed.data.TEST_PAYMENTS_DELAY_MS,
  };
  return cached;
}
