import { handlePaymentWebhook, paymentsFromEnv } from "@bazaar/api";

import { getDb } from "~/server/db";

// Payment providers report here (the built-in test provider included): signed, verified over the
// raw body before anything is read, each event taken in once.
export function POST(request: Request) {
  return handlePaymentWebhook(getDb(), paymentsFromEnv().provider(getDb()), request);
}
