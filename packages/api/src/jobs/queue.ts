// Putting work on the queue (graphile-worker, stored in PostgreSQL). Jobs are added with SQL inside
// the caller's transaction: the transactional outbox. A job exists exactly when the change that
// asked for it committed, and a rolled-back order leaves no mail behind.
import type { Prisma } from "@bazaar/db";
import type { MailMessage } from "@bazaar/mail";

import type { PaymentEventInput } from "../payments/event-schema.ts";

/** Every job the worker knows, with what it is given. */
export interface JobPayloads {
  "send-order-confirmation": { orderId: string };
  "send-shipping-notice": { orderId: string };
  "expire-unpaid-orders": Record<string, unknown>;
  "deliver-test-payment-event": { event: PaymentEventInput };
  "deliver-webhook": { deliveryId: string };
  /** A mail that carries no secret (an account notice), kept until SMTP takes it. */
  "send-mail": { message: MailMessage };
  /** A one-time link for an account, made when it is sent (account/mail.ts). */
  "send-account-link": { userId: string; purpose: "VERIFY_EMAIL" | "MAGIC_LINK" | "RESET_PASSWORD" };
}
export type JobName = keyof JobPayloads;

/** Tries before a job is left failed for someone to look at (backing off exponentially between). */
export const MAX_ATTEMPTS = 10;

export async function enqueueJob<Name extends JobName>(
  tx: Prisma.TransactionClient,
  name: Name,
  payload: JobPayloads[Name],
  /** At most one waiting job per key: adding it again replaces the waiting one. */
  jobKey: string,
  options: { runAt?: Date } = {},
): Promise<void> {
  await tx.$executeRaw`
    SELECT graphile_worker.add_job(
      ${name}, ${JSON.stringify(payload)}::json, job_key := ${jobKey},
      max_attempts := ${MAX_ATTEMPTS}, run_at := ${options.runAt ?? null}::timestamptz)`;
}
