import { paymentsFromEnv, readJobsEnv, readRestEnv, readWebhooksEnv } from "@bazaar/api";
import { readAuthEnv } from "@bazaar/auth";
import { readMailEnv } from "@bazaar/mail";

import { serverEnv } from "~/env";

/** Stop the server at start, with a readable message, when its configuration is invalid. */
export function refuseBadConfiguration(): void {
  try {
    serverEnv();
    // In production this refuses to start without AUTH_SECRET.
    readAuthEnv();
    readMailEnv();
    paymentsFromEnv();
    readJobsEnv();
    readRestEnv();
    readWebhooksEnv();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
