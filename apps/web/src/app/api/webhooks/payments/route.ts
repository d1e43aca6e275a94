import { handlePaymentWebhook, paymentsWebhookSecret, TEST_PROVIDER } from "@bazaar/api";
import { readAuthEnv } from "@bazaar/auth";

import { serverEnv } from "~/env";
import { getDb } from "~/server/db";

// Payment providers report here (the built-in test provider included): signed, verified over the
// raw body before anything is read, each event taken in once.
export function POST(request: Request) {
  const secret = paymentsWebhookSecret(serverEnv().PAYMENTS_WEBHOOK_SECRET, readAuthEnv().AUTH_SECRET);
  return handlePaymentWebhook(getDb(), TEST_PROVIDER, secret, request);
}
