// The queue end to end on the real database: jobs are queued in the transaction that asks for them
// (and vanish with it when it rolls back), the worker runs them with retries, the schedule expires
// unpaid orders, and the test provider's hosted-page answers reach the shop as signed webhooks.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";

import { createTestDatabase } from "@bazaar/db/testing";
import { createDatabaseMailer, createSmtpMailer, type Mailer } from "@bazaar/mail";
import { startSmtpCatcher } from "@bazaar/mail/testing";
import type { Runner } from "graphile-worker";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { insertCatalog, T0 } from "../../test/catalog-fixtures.ts";
import { queueAccountLink, queueMail } from "../account/mail.ts";
import { logger } from "../logger.ts";
import { readWebhooksEnv } from "../webhooks/env.ts";
import { orderAccessToken } from "../orders/access.ts";
import { moveOrder, moveOrderWithin, placeOrder, RESERVATION_MINUTES } from "../orders/service.ts";
import { startPayment } from "../payments/service.ts";
import { answerTestChallenge, submitTestCard, testPaymentProvider } from "../payments/test-provider.ts";
import { handlePaymentWebhook } from "../payments/webhook.ts";
import { enqueueJob } from "./queue.ts";
import { startWorker, type WorkerDeps } from "./worker.ts";

const { db, url } = await createTestDatabase();
const WEBHOOK_SECRET = "whsec_jobs_test_0123456789";
const SIGNING_SECRET = "s".repeat(32);
const provider = testPaymentProvider(WEBHOOK_SECRET, db);

/** Wait for `check` to return a value, polling; bounded in time so a broken chain fails, not hangs. */
async function eventually<T>(check: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const jobsNamed = (task: string) =>
  db.$queryRaw<{ id: string; attempts: number; last_error: string | null; key: string | null }[]>`
    SELECT id::text, attempts, last_error, key FROM graphile_worker.jobs WHERE task_identifier = ${task}`;

// The shop's webhook endpoint on loopback, as the app serves it; `failNext` makes it answer 500.
let webhook: Server;
let appUrl: string;
let failNext = 0;
beforeAll(async () => {
  webhook = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        if (failNext > 0) {
          failNext -= 1;
          res.writeHead(500).end("down for a moment");
          return;
        }
        const request = new Request(`http://127.0.0.1${req.url}`, {
          method: "POST",
          headers: req.headers as Record<string, string>,
          body: Buffer.concat(chunks),
        });
        const response = await handlePaymentWebhook(db, provider, request);
        res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
      })();
    });
  });
  webhook.listen(0, "127.0.0.1");
  await once(webhook, "listening");
  appUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}`;
  await insertCatalog(db, [{ id: "mug", categoryId: "cat_a", createdAt: T0, variants: [[1500, 50]] }]);
});
afterAll(() => new Promise<void>((resolve) => webhook.close(() => resolve())));

let runner: Runner | undefined;
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
});

function run(mailer: Mailer = createDatabaseMailer(db)) {
  const deps: WorkerDeps = {
    databaseUrl: url,
    db,
    mailer,
    appUrl,
    signingSecret: SIGNING_SECRET,
    paymentsWebhookSecret: WEBHOOK_SECRET,
    log: logger,
    webhooks: { retryBaseMs: 100, allowPrivateTargets: true, secrets: readWebhooksEnv().secrets },
  };
  return startWorker(deps, { concurrency: 1 }).then((started) => (runner = started));
}

function order(email = `buyer-${randomUUID()}@example.test`, now = new Date()) {
  return placeOrder(
    db,
    {
      idempotencyScope: `cart:${randomUUID()}`,
      idempotencyKey: randomUUID(),
      userId: null,
      email,
      lines: [{ variantId: "mug_v0", quantity: 2 }],
    },
    now,
  );
}

describe("the outbox", () => {
  it("paying an order queues its confirmation in the same transaction", async () => {
    const placed = await order();
    expect(await jobsNamed("send-order-confirmation")).toHaveLength(0);
    await moveOrder(db, placed.id, "PAID");
    const jobs = await jobsNamed("send-order-confirmation");
    expect(jobs.map((job) => job.key)).toEqual([`order-confirmation:${placed.id}`]);
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
  });

  it("a payment whose transaction rolls back queues nothing", async () => {
    const placed = await order();
    await expect(
      db.$transaction(async (tx) => {
        await moveOrderWithin(tx, placed.id, "PAID");
        throw new Error("the rest of the transaction failed");
      }),
    ).rejects.toThrow("the rest of the transaction failed");
    expect(await jobsNamed("send-order-confirmation")).toHaveLength(0);
    expect((await db.order.findUniqueOrThrow({ where: { id: placed.id } })).status).toBe("PENDING_PAYMENT");
  });

  it("an unknown job name is refused by the type system and the queue alike", async () => {
    // @ts-expect-error: not a job the worker knows
    await db.$transaction((tx) => enqueueJob(tx, "mine-bitcoin", {}, "x"));
    expect(await jobsNamed("mine-bitcoin")).toHaveLength(1);
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
  });
});

describe("the worker", () => {
  it("sends the confirmation once, with the order's lines, totals and a signed link for a guest", async () => {
    const email = `guest-${randomUUID()}@example.test`;
    const placed = await order(email);
    await moveOrder(db, placed.id, "PAID");
    await run();
    const mail = await eventually(() => db.email.findFirst({ where: { to: email } }));
    expect(mail.subject).toBe(`Your Bazaar order ${placed.number} is confirmed`);
    expect(mail.text).toContain("2 × Product mug");
    expect(mail.text).toContain("Total paid: $30.00");
    const link = `${appUrl}/orders/${placed.id}?access=${encodeURIComponent(orderAccessToken(SIGNING_SECRET, placed.id))}`;
    expect(mail.text).toContain(link);
    await eventually(async () => (await jobsNamed("send-order-confirmation")).length === 0);
    expect(
      (await db.order.findUniqueOrThrow({ where: { id: placed.id } })).confirmationSentAt,
    ).not.toBeNull();
    expect(await db.email.count({ where: { to: email } })).toBe(1);
  });

  it("with the mail server refusing (421), retries the mail jobs and sends each once when it takes mail", async () => {
    const smtp = await startSmtpCatcher();
    smtp.unavailable = true;
    const mailer = createSmtpMailer(smtp.url, "Bazaar <shop@bazaar.test>");
    try {
      const buyer = `retry-${randomUUID()}@example.test`;
      const placed = await order(buyer);
      await moveOrder(db, placed.id, "PAID");
      const customer = await db.user.create({
        data: { email: `reset-${randomUUID()}@example.test`, emailVerified: new Date() },
      });
      const notified = `notice-${randomUUID()}@example.test`;
      await db.$transaction(async (tx) => {
        await queueAccountLink(tx, customer.id, "RESET_PASSWORD");
        await queueMail(tx, { to: notified, subject: "Notice", text: "t", html: "<p>t</p>" }, notified);
      });
      const tasks = ["send-order-confirmation", "send-account-link", "send-mail"];
      const waiting = async () => (await Promise.all(tasks.map(jobsNamed))).flat();

      await run(mailer);
      // Each tried once, refused, and waits for its retry (graphile-worker backs off e^attempts s).
      const failed = await eventually(async () => {
        const jobs = await waiting();
        return jobs.length === 3 && jobs.every((job) => job.last_error) ? jobs : null;
      });
      for (const job of failed) {
        expect(job.attempts).toBe(1);
        expect(job.last_error).toContain("421");
      }
      expect(smtp.refused).toBeGreaterThanOrEqual(3);
      expect(smtp.messages).toHaveLength(0);

      smtp.unavailable = false;
      await eventually(async () => (await waiting()).length === 0);
      const to = (address: string) => smtp.messages.filter((mail) => mail.to.includes(address));
      expect(to(buyer).map((mail) => mail.subject)).toEqual([
        `Your Bazaar order ${placed.number} is confirmed`,
      ]);
      expect(to(customer.email)).toHaveLength(1);
      expect(to(customer.email)[0]?.text).toMatch(/\/reset-password\?token=[\w-]{43}/);
      expect(to(notified)).toHaveLength(1);
      expect(
        (await db.order.findUniqueOrThrow({ where: { id: placed.id } })).confirmationSentAt,
      ).not.toBeNull();
    } finally {
      mailer.close();
      await smtp.close();
    }
  }, 30_000);

  it("the schedule's job expires unpaid orders past their hold and returns their stock", async () => {
    const stockBefore = (await db.productVariant.findUniqueOrThrow({ where: { id: "mug_v0" } })).stockOnHand;
    const longAgo = new Date(Date.now() - (RESERVATION_MINUTES + 1) * 60_000);
    const stale = await order(undefined, longAgo);
    const fresh = await order();
    await db.$transaction((tx) => enqueueJob(tx, "expire-unpaid-orders", {}, "expire-now"));
    await run();
    await eventually(
      async () => (await db.order.findUnique({ where: { id: stale.id } }))?.status === "EXPIRED",
    );
    expect((await db.order.findUniqueOrThrow({ where: { id: fresh.id } })).status).toBe("PENDING_PAYMENT");
    const stockAfter = (await db.productVariant.findUniqueOrThrow({ where: { id: "mug_v0" } })).stockOnHand;
    expect(stockAfter).toBe(stockBefore - 2);
  });
});

describe("the test provider's hosted page and its webhook deliveries", () => {
  async function openPayment() {
    const placed = await order();
    const { providerRef } = await startPayment(db, provider, placed.id, `${appUrl}/orders/${placed.id}`);
    return { placed, providerRef };
  }
  const statusOf = async (id: string) => (await db.order.findUniqueOrThrow({ where: { id } })).status;
  const submit = (providerRef: string, cardNumber: string) =>
    submitTestCard(db, { providerRef, cardNumber, secret: SIGNING_SECRET, deliveryDelayMs: 0 });

  it("the success card pays the order through a signed delivery, redelivered until the shop answers", async () => {
    const { placed, providerRef } = await openPayment();
    failNext = 1;
    const result = await submit(providerRef, "4242 4242 4242 4242");
    expect(result).toMatchObject({
      outcome: "succeeded",
      challenge: null,
      returnUrl: `${appUrl}/orders/${placed.id}`,
    });
    await run();
    await eventually(async () => (await statusOf(placed.id)) === "PAID");
    expect(failNext).toBe(0);
    const events = await db.paymentEvent.findMany({ where: { outcome: "order paid" } });
    expect(
      events.some((e) => (e.payload as { data: { paymentRef: string } }).data.paymentRef === providerRef),
    ).toBe(true);
  });

  it("the declined card leaves the order awaiting payment; the form is taken once", async () => {
    const { placed, providerRef } = await openPayment();
    await submit(providerRef, "4000000000000002");
    await expect(submit(providerRef, "4242424242424242")).rejects.toThrow(/already submitted/);
    await run();
    await eventually(
      async () => (await db.payment.findFirst({ where: { providerRef } }))?.status === "FAILED",
    );
    expect(await statusOf(placed.id)).toBe("PENDING_PAYMENT");
  });

  it("an unknown card is a field error and changes nothing", async () => {
    const { providerRef } = await openPayment();
    await expect(submit(providerRef, "1234 1234 1234 1234")).rejects.toThrow(/test cards/);
    expect((await db.payment.findFirstOrThrow({ where: { providerRef } })).submittedAt).toBeNull();
  });

  it("the second-step card waits for the shopper's answer: approved pays, and a forged answer is refused", async () => {
    const { placed, providerRef } = await openPayment();
    const { challenge } = await submit(providerRef, "4000 0025 0000 3155");
    expect(challenge).toEqual(expect.any(String));
    await run();
    await eventually(
      async () => (await db.payment.findFirst({ where: { providerRef } }))?.status === "REQUIRES_ACTION",
    );
    expect(await statusOf(placed.id)).toBe("PENDING_PAYMENT");
    const other = await openPayment();
    await expect(
      answerTestChallenge(db, {
        providerRef: other.providerRef,
        challenge: challenge ?? "",
        approve: true,
        secret: SIGNING_SECRET,
        deliveryDelayMs: 0,
      }),
    ).rejects.toThrow(/does not belong/);
    await answerTestChallenge(db, {
      providerRef,
      challenge: challenge ?? "",
      approve: true,
      secret: SIGNING_SECRET,
      deliveryDelayMs: 0,
    });
    await eventually(async () => (await statusOf(placed.id)) === "PAID");
    expect(await statusOf(other.placed.id)).toBe("PENDING_PAYMENT");
  });
});
