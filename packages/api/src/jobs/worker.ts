// The worker: runs queued jobs (graphile-worker) with retries and backoff, and the schedule. By
// default it runs inside the app's process; `pnpm worker` runs the same in a process of its own.
import { readAuthEnv, signingSecret } from "@bazaar/auth";
import type { Db } from "@bazaar/db";
import { mailerFromEnv, type Mailer } from "@bazaar/mail";
import { Logger as WorkerLogger, run, type Runner, type Task } from "graphile-worker";

import type { Logger } from "../logger.ts";
import { sendAccountLink } from "../account/mail.ts";
import { sendOrderConfirmation } from "../orders/confirmation.ts";
import { expireUnpaidOrders } from "../orders/service.ts";
import { sendShippingNotice } from "../orders/shipping-notice.ts";
import { paymentsFromEnv } from "../payments/env.ts";
import { paymentEventSchema } from "../payments/event-schema.ts";
import { deliverTestPaymentEvent } from "../payments/test-provider.ts";
import { deliverWebhook, RETRY_BASE_MS } from "../webhooks/delivery.ts";
import { readWebhooksEnv, type WebhooksEnv } from "../webhooks/env.ts";
import { sealStoredSecrets } from "../webhooks/secret-box.ts";
import type { JobName, JobPayloads } from "./queue.ts";

export interface WorkerDeps {
  databaseUrl: string;
  db: Db;
  mailer: Mailer;
  /** The shop's public origin: links in mail, and where the test provider delivers its webhooks. */
  appUrl: string;
  signingSecret: string;
  paymentsWebhookSecret: string;
  log: Logger;
  /**
   * Outgoing webhooks: the first retry's wait, whether private addresses may be sent to, and the
   * key endpoint secrets are sealed with.
   */
  webhooks: WebhooksEnv & { retryBaseMs: number };
}

/** Unpaid orders past their hold are expired every minute (one run at a time, none backfilled). */
export const SCHEDULE = "* * * * * expire-unpaid-orders ?max=1&jobKey=expire-unpaid-orders";

/** The account mail jobs (account/mail.ts). A failed send throws, and the queue tries again with backoff. */
export function mailTasks(
  deps: Pick<WorkerDeps, "db" | "mailer" | "appUrl" | "log">,
): Record<"send-mail" | "send-account-link", Task> {
  return {
    "send-mail": async (payload) => {
      const { message } = payload as JobPayloads["send-mail"];
      await deps.mailer.send(message);
      deps.log.info({ subject: message.subject }, "mail sent");
    },
    "send-account-link": async (payload) => {
      const link = payload as JobPayloads["send-account-link"];
      const result = await sendAccountLink(deps, link);
      deps.log.info({ userId: link.userId, purpose: link.purpose, result }, "account link");
    },
  };
}

export function jobTasks(deps: WorkerDeps): Record<JobName, Task> {
  return {
    "send-order-confirmation": async (payload) => {
      const { orderId } = payload as { orderId: string };
      const result = await sendOrderConfirmation(deps, orderId);
      deps.log.info({ orderId, result }, "order confirmation");
    },
    "send-shipping-notice": async (payload) => {
      const { orderId } = payload as { orderId: string };
      const result = await sendShippingNotice(deps, orderId);
      deps.log.info({ orderId, result }, "shipping notice");
    },
    ...mailTasks(deps),
    "expire-unpaid-orders": async () => {
      const expired = await expireUnpaidOrders(deps.db);
      if (expired.length > 0) deps.log.info({ expired }, "expired unpaid orders");
    },
    "deliver-webhook": async (payload, helpers) => {
      const { deliveryId } = payload as { deliveryId: string };
      // A failed try is recorded and queued again by deliverWebhook itself, with its own backoff;
      // only an unexpected error (the database gone) falls back to the queue's retries.
      await deliverWebhook(
        {
          db: deps.db,
          log: deps.log,
          ...deps.webhooks,
          ...(helpers.abortSignal ? { signal: helpers.abortSignal } : {}),
        },
        deliveryId,
      );
    },
    "deliver-test-payment-event": async (payload, helpers) => {
      const event = paymentEventSchema.parse((payload as { event: unknown }).event);
      await deliverTestPaymentEvent(event, {
        webhookUrl: new URL("/api/webhooks/payments", deps.appUrl).toString(),
        secret: deps.paymentsWebhookSecret,
        ...(helpers.abortSignal ? { signal: helpers.abortSignal } : {}),
      });
    },
  };
}

/** graphile-worker's log lines through the app's structured logger. */
function workerLogger(log: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const fields = {
      scope: { label: scope.label, taskIdentifier: scope.taskIdentifier, jobId: scope.jobId },
      ...meta,
    };
    // Its info lines (one per job run, with the whole job) are debugging detail here; the tasks
    // log what they did themselves.
    if (level === "error") log.error(fields, message);
    else if (level === "warning") log.warn(fields, message);
    else log.debug(fields, message);
  });
}

export async function startWorker(deps: WorkerDeps, options: { concurrency?: number } = {}): Promise<Runner> {
  // Secrets stored in clear before sealing existed are sealed before any delivery is signed.
  const sealed = await sealStoredSecrets(deps.db, deps.webhooks.secrets);
  if (sealed > 0) deps.log.info({ sealed }, "sealed webhook endpoint secrets stored in clear");
  return run({
    connectionString: deps.databaseUrl,
    concurrency: options.concurrency ?? 2,
    maxPoolSize: (options.concurrency ?? 2) + 2,
    // The host process owns shutdown (the app's, or the worker script's).
    noHandleSignals: true,
    pollInterval: 2_000,
    taskList: jobTasks(deps),
    crontab: SCHEDULE,
    logger: workerLogger(deps.log),
  });
}

/** The worker's dependencies from the environment (the same settings the app reads). */
export function workerDepsFromEnv(databaseUrl: string, db: Db, log: Logger): WorkerDeps {
  const auth = readAuthEnv();
  return {
    databaseUrl,
    db,
    mailer: mailerFromEnv(db),
    appUrl: auth.APP_URL,
    signingSecret: signingSecret(auth.AUTH_SECRET),
    paymentsWebhookSecret: paymentsFromEnv().webhookSecret,
    log,
    webhooks: { retryBaseMs: RETRY_BASE_MS, ...readWebhooksEnv() },
  };
}
