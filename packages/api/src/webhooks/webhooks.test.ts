// Outgoing webhooks against the real database and a real HTTP receiver on loopback: events queued
// with the change that caused them (and not without it), signed deliveries the receiver can
// verify, retries with exponential backoff when the receiver fails its first tries, giving up,
// replaying, and the refusals (private addresses, redirects, disabled endpoints). Then what
// decision 0027 added: each try connects to the address its host was checked as (a rebinding
// name cannot steer it), rotated secrets sign beside the new one for a grace period, and secrets
// are sealed at rest.
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes, randomUUID } from "node:crypto";

import { createTestDatabase } from "@bazaar/db/testing";
import { createDatabaseMailer } from "@bazaar/mail";
import type { WebhookEvent } from "@bazaar/validators";
import type { Runner } from "graphile-worker";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { insertCatalog, T0 } from "../../test/catalog-fixtures.ts";
import { payWithTestCard } from "../../test/payments.ts";
import { fulfilOrder, refundOrder } from "../admin/orders/service.ts";
import { updateProduct } from "../admin/products/service.ts";
import { adjustStock } from "../admin/stock/service.ts";
import {
  createEndpoint,
  getEndpoint,
  replayDelivery,
  rotateSecret,
  updateEndpoint,
} from "../admin/webhooks/service.ts";
import { startWorker } from "../jobs/worker.ts";
import { logger } from "../logger.ts";
import { placeOrder } from "../orders/service.ts";
import { testPaymentProvider } from "../payments/test-provider.ts";
import { deliverWebhook, MAX_DELIVERY_ATTEMPTS, retryDelayMs, type WebhookDeliveryDeps } from "./delivery.ts";
import type { WebhookPayload } from "./events.ts";
import { sealStoredSecrets, secretBox } from "./secret-box.ts";
import { SIGNATURE_HEADER, verifyWebhook } from "./signature.ts";

const { db, url } = await createTestDatabase();
const meta = { ip: "192.0.2.1", userAgent: "vitest" };
const SIGNING_SECRET = "s".repeat(32);
const provider = testPaymentProvider("whsec_webhooks_test_0123456789", db);
const RETRY_BASE_MS = 100;
const box = secretBox(randomBytes(32));
const deps: WebhookDeliveryDeps = {
  db,
  log: logger,
  retryBaseMs: RETRY_BASE_MS,
  allowPrivateTargets: true,
  secrets: box,
};

// ---- The receiver: a real HTTP server on loopback that fails its first `failFirst` requests. ----

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  path: string;
}
let receiver: Server;
let base: string;
let received: Received[] = [];
let failFirst = 0;
let answer: { status: number; headers?: Record<string, string> } = { status: 200 };

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        path: req.url ?? "",
      });
      if (failFirst > 0) {
        failFirst -= 1;
        res.writeHead(503, { "content-type": "text/plain" }).end("busy, try later");
        return;
      }
      res.writeHead(answer.status, answer.headers).end("thanks");
    });
  });
  receiver.listen(0, "127.0.0.1");
  await once(receiver, "listening");
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  await insertCatalog(db, [{ id: "kite", categoryId: "cat_a", createdAt: T0, variants: [[2000, 100]] }]);
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

const admin = await db.user.create({ data: { email: "admin@example.com", role: "ADMIN" } });

beforeEach(async () => {
  received = [];
  failFirst = 0;
  answer = { status: 200 };
  // Each test registers its own endpoints; none from an earlier test receives its events.
  await db.webhookEndpoint.deleteMany();
  await db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
  await db.productVariant.update({ where: { id: "kite_v0" }, data: { stockOnHand: 100 } });
});

async function endpoint(events: WebhookEvent[], path = "/hooks") {
  return createEndpoint(db, box, admin.id, { url: `${base}${path}`, description: "", events }, meta);
}

const deliveriesOf = (endpointId: string) =>
  db.webhookDelivery.findMany({ where: { endpointId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

const queuedDeliveryJobs = () =>
  db.$queryRaw<{ deliveryId: string; runAt: Date }[]>`
    SELECT j.payload->>'deliveryId' AS "deliveryId", j.run_at AS "runAt"
    FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE t.identifier = 'deliver-webhook'`;

const order = (quantity = 1) =>
  placeOrder(db, {
    idempotencyScope: `cart:${randomUUID()}`,
    idempotencyKey: randomUUID(),
    userId: null,
    email: "buyer@example.com",
    lines: [{ variantId: "kite_v0", quantity }],
  });

describe("events", () => {
  it("are queued with the change, for each endpoint that chose them, and never for a change rolled back", async () => {
    const orders = await endpoint(["order.created"]);
    const stock = await endpoint(["stock.low"]);
    const off = await endpoint(["order.created"]);
    await updateEndpoint(db, admin.id, { endpointId: off.endpoint.id, enabled: false }, meta);

    const placed = await order(2);
    const [created] = await deliveriesOf(orders.endpoint.id);
    expect(created).toMatchObject({ event: "order.created", status: "PENDING", attempts: 0 });
    expect(created?.payload).toEqual({
      id: created?.eventId,
      type: "order.created",
      createdAt: expect.any(String) as unknown,
      data: {
        orderId: placed.id,
        number: placed.number,
        status: "PENDING_PAYMENT",
        email: "buyer@example.com",
        currency: "USD",
        totalAmount: 4000,
        refundedAmount: 0,
      },
    });
    expect(await deliveriesOf(stock.endpoint.id)).toEqual([]);
    expect(await deliveriesOf(off.endpoint.id)).toEqual([]);
    expect((await queuedDeliveryJobs()).map((job) => job.deliveryId)).toEqual([created?.id]);

    // More than is on hand: the order is refused, and no event leaves.
    await expect(order(500)).rejects.toThrow();
    expect(await deliveriesOf(orders.endpoint.id)).toHaveLength(1);
  });

  it("stock.low is sent once as a variant falls to the threshold, by a sale or by hand", async () => {
    const stock = await endpoint(["stock.low"]);
    await db.productVariant.update({ where: { id: "kite_v0" }, data: { stockOnHand: 7 } });
    await order(1); // 6 left: above the threshold (5)
    expect(await deliveriesOf(stock.endpoint.id)).toHaveLength(0);
    await order(2); // 4 left: crossed
    await order(1); // 3 left: already low, no second event
    const [low] = await deliveriesOf(stock.endpoint.id);
    expect((await deliveriesOf(stock.endpoint.id)).length).toBe(1);
    expect((low?.payload as unknown as WebhookPayload<"stock.low">).data).toEqual({
      variantId: "kite_v0",
      sku: "KITE-0",
      productId: "kite",
      stockOnHand: 4,
      threshold: 5,
    });

    await adjustStock(db, admin.id, { variantId: "kite_v0", delta: 20, reason: "RECEIVED" }, meta);
    await adjustStock(db, admin.id, { variantId: "kite_v0", delta: -20, reason: "DAMAGED" }, meta);
    expect(await deliveriesOf(stock.endpoint.id)).toHaveLength(2);
  });

  it("order.paid, order.fulfilled, order.refunded and product.updated carry what changed", async () => {
    const all = await endpoint(["order.paid", "order.fulfilled", "order.refunded", "product.updated"]);
    const placed = await order(1);
    await payWithTestCard(db, provider, placed.id, { signingSecret: SIGNING_SECRET, appUrl: base });
    await fulfilOrder(db, admin.id, { orderId: placed.id, carrier: "UPS", trackingNumber: "1Z42" }, meta);
    await refundOrder(db, provider, admin.id, { orderId: placed.id, amount: 500, reason: "Bent spar" }, meta);
    await updateProduct(db, admin.id, { productId: "kite", name: "Stunt kite" }, meta);

    const payloads = (await deliveriesOf(all.endpoint.id)).map((d) => d.payload as unknown as WebhookPayload);
    expect(payloads.map((p) => p.type)).toEqual([
      "order.paid",
      "order.fulfilled",
      "order.refunded",
      "product.updated",
    ]);
    expect(payloads[0]?.data).toMatchObject({ orderId: placed.id, status: "PAID" });
    expect(payloads[1]?.data).toMatchObject({ status: "FULFILLED", carrier: "UPS", trackingNumber: "1Z42" });
    expect(payloads[2]?.data).toMatchObject({ refundedAmount: 500, refund: { amount: 500 } });
    expect(payloads[3]?.data).toEqual({ productId: "kite", slug: "kite", status: "PUBLISHED" });
    expect(new Set(payloads.map((p) => p.id)).size).toBe(4);
  });
});

describe("deliveries", () => {
  it("are signed over the exact body with a timestamp, which the receiver verifies", async () => {
    const { endpoint: hook, secret } = await endpoint(["order.created"]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await order(1);
    const [delivery] = await deliveriesOf(hook.id);
    expect(await deliverWebhook(deps, delivery?.id ?? "")).toBe("delivered");

    const [request] = received;
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["bazaar-event"]).toBe("order.created");
    expect(request?.headers["bazaar-event-id"]).toBe(delivery?.eventId);
    expect(request?.headers["bazaar-delivery"]).toBe(delivery?.id);
    expect(JSON.parse(request?.body ?? "")).toEqual(delivery?.payload);
    // The body's keys in the documented order, whatever order the database keeps them in.
    expect(Object.keys(JSON.parse(request?.body ?? "") as object)).toEqual([
      "id",
      "type",
      "createdAt",
      "data",
    ]);
    const signature = request?.headers[SIGNATURE_HEADER] as string;
    expect(() => verifyWebhook(secret, signature, request?.body ?? "")).not.toThrow();
    // Any other secret, or a body changed by one character, fails.
    expect(() => verifyWebhook("whsec_other", signature, request?.body ?? "")).toThrow("mismatch");
    expect(() => verifyWebhook(secret, signature, `${request?.body} `)).toThrow("mismatch");

    const stored = await db.webhookDelivery.findUniqueOrThrow({
      where: { id: delivery?.id },
      include: { log: true },
    });
    expect(stored).toMatchObject({ status: "SUCCEEDED", attempts: 1, nextAttemptAt: null });
    expect(stored.deliveredAt).toBeInstanceOf(Date);
    expect(stored.log).toEqual([
      expect.objectContaining({ number: 1, statusCode: 200, response: "thanks", error: null }),
    ]);
    // Delivered is final: running the job again sends nothing.
    expect(await deliverWebhook(deps, delivery?.id ?? "")).toBe("skipped");
    expect(received).toHaveLength(1);
  });

  it("are retried, each wait twice the one before, while the receiver fails its first tries", async () => {
    const { endpoint: hook } = await endpoint(["order.created"]);
    await order(1);
    const [delivery] = await deliveriesOf(hook.id);
    const id = delivery?.id ?? "";
    failFirst = 2;
    const t0 = new Date("2026-12-05T12:00:00.000Z");
    const clock = (ms: number) => () => new Date(t0.getTime() + ms);

    expect(await deliverWebhook(deps, id, clock(0))).toBe("retrying");
    let stored = await db.webhookDelivery.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(stored.nextAttemptAt?.getTime()).toBe(t0.getTime() + RETRY_BASE_MS);
    expect(await queuedDeliveryJobs()).toEqual([{ deliveryId: id, runAt: stored.nextAttemptAt }]);

    expect(await deliverWebhook(deps, id, clock(1_000))).toBe("retrying");
    stored = await db.webhookDelivery.findUniqueOrThrow({ where: { id } });
    expect(stored.nextAttemptAt?.getTime()).toBe(t0.getTime() + 1_000 + 2 * RETRY_BASE_MS);

    expect(await deliverWebhook(deps, id, clock(2_000))).toBe("delivered");
    const log = await db.webhookAttempt.findMany({ where: { deliveryId: id }, orderBy: { number: "asc" } });
    expect(log.map((attempt) => [attempt.number, attempt.statusCode, attempt.response])).toEqual([
      [1, 503, "busy, try later"],
      [2, 503, "busy, try later"],
      [3, 200, "thanks"],
    ]);
    // Every try signed the same body afresh.
    expect(new Set(received.map((request) => request.body)).size).toBe(1);
    expect(retryDelayMs(MAX_DELIVERY_ATTEMPTS - 1, 30_000)).toBe(30_000 * 2 ** (MAX_DELIVERY_ATTEMPTS - 2));
  });

  it("reach a receiver that fails twice through the job queue's worker, on its own", async () => {
    const { endpoint: hook } = await endpoint(["order.created"]);
    failFirst = 2;
    let runner: Runner | undefined;
    try {
      runner = await startWorker(
        {
          databaseUrl: url,
          db,
          mailer: createDatabaseMailer(db),
          appUrl: base,
          signingSecret: SIGNING_SECRET,
          paymentsWebhookSecret: "unused-here-0123456789",
          log: logger,
          webhooks: { retryBaseMs: RETRY_BASE_MS, allowPrivateTargets: true, secrets: box },
        },
        { concurrency: 1 },
      );
      await order(1);
      const deadline = Date.now() + 20_000;
      let status = "PENDING";
      while (status !== "SUCCEEDED" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await deliveriesOf(hook.id))[0]?.status ?? "PENDING";
      }
      expect(status).toBe("SUCCEEDED");
      expect(received.length).toBe(3);
    } finally {
      await runner?.stop();
    }
  });

  it("give up after the last try, and an admin's replay sends the same event again", async () => {
    const { endpoint: hook } = await endpoint(["order.created"]);
    await order(1);
    const [delivery] = await deliveriesOf(hook.id);
    const id = delivery?.id ?? "";
    answer = { status: 500 };
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) await deliverWebhook(deps, id);
    const failed = await db.webhookDelivery.findUniqueOrThrow({ where: { id } });
    expect(failed).toMatchObject({ status: "FAILED", attempts: MAX_DELIVERY_ATTEMPTS, nextAttemptAt: null });
    // The job queued for the last try (run here by hand) finds nothing left to do.
    expect(await deliverWebhook(deps, id)).toBe("skipped");
    expect(received).toHaveLength(MAX_DELIVERY_ATTEMPTS);

    answer = { status: 204 };
    const replay = await replayDelivery(db, admin.id, id, meta);
    const again = await db.webhookDelivery.findUniqueOrThrow({ where: { id: replay.deliveryId } });
    expect(again).toMatchObject({ replayOfId: id, eventId: failed.eventId, status: "PENDING", attempts: 0 });
    expect(again.payload).toEqual(failed.payload);
    expect((await queuedDeliveryJobs()).map((job) => job.deliveryId)).toContain(replay.deliveryId);
    expect(await deliverWebhook(deps, replay.deliveryId)).toBe("delivered");
    expect(JSON.parse(received.at(-1)?.body ?? "")).toMatchObject({ id: failed.eventId });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "webhook_delivery.replayed", targetId: id },
    });
    expect(audit).toMatchObject({ actorId: admin.id, details: { replayId: replay.deliveryId } });
  });

  it("refuse private addresses unless allowed, do not follow redirects, and stop for a disabled endpoint", async () => {
    const { endpoint: hook } = await endpoint(["order.created"]);
    await order(1);
    const [delivery] = await deliveriesOf(hook.id);
    const id = delivery?.id ?? "";

    expect(await deliverWebhook({ ...deps, allowPrivateTargets: false }, id)).toBe("retrying");
    expect(received).toEqual([]);
    const [refused] = await db.webhookAttempt.findMany({ where: { deliveryId: id } });
    expect(refused).toMatchObject({
      statusCode: null,
      error: expect.stringContaining("private address") as unknown,
    });

    answer = { status: 302, headers: { location: "http://169.254.169.254/latest/meta-data" } };
    expect(await deliverWebhook(deps, id)).toBe("retrying");
    expect(received).toHaveLength(1);
    expect(
      (await db.webhookAttempt.findMany({ where: { deliveryId: id }, orderBy: { number: "asc" } }))[1],
    ).toMatchObject({ statusCode: 302 });

    await updateEndpoint(db, admin.id, { endpointId: hook.id, enabled: false }, meta);
    expect(await deliverWebhook(deps, id)).toBe("failed");
    expect(received).toHaveLength(1);
    await expect(replayDelivery(db, admin.id, id, meta)).rejects.toThrow("disabled");
  });
});

// ---- Decision 0027: pinned targets, rotated secrets, sealed secrets. ----

/** A receiver on `host:port` that records what reaches it (port 0: any free one). */
async function listen(host: string, port: number, seen: Received[]): Promise<Server> {
  const handler: RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), path: req.url ?? "" });
      res.writeHead(200).end("ok");
    });
  };
  const server = createServer(handler).listen(port, host);
  await once(server, "listening");
  return server;
}
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe("targets", () => {
  it("each try resolves the name once and connects to exactly the address it checked, whatever DNS answers next", async () => {
    // Two receivers on one port: 127.0.0.1 stands for the address the check saw, 127.0.0.2 for
    // where a second lookup of the same name would lead. The name is one the machine resolves by
    // itself (a lookup that escaped the pin must not go out to a name server).
    const atChecked: Received[] = [];
    const atRebound: Received[] = [];
    const checked = await listen("127.0.0.1", 0, atChecked);
    const port = (checked.address() as AddressInfo).port;
    const rebound = await listen("127.0.0.2", port, atRebound);
    try {
      const answers = ["127.0.0.1", "127.0.0.2"];
      const lookups: string[] = [];
      // Every lookup gets the next answer, as a rebinding name server gives them.
      const resolveHost = (hostname: string) => {
        lookups.push(hostname);
        return Promise.resolve([answers[(lookups.length - 1) % answers.length] ?? ""]);
      };
      const { endpoint: hook, secret } = await createEndpoint(
        db,
        box,
        admin.id,
        { url: `http://localhost:${port}/in`, description: "", events: ["order.created"] },
        meta,
      );
      await order(1);
      await order(1);
      const [first, second] = await deliveriesOf(hook.id);

      expect(await deliverWebhook({ ...deps, resolveHost }, first?.id ?? "")).toBe("delivered");
      expect(lookups).toEqual(["localhost"]);
      expect(atChecked).toHaveLength(1);
      expect(atRebound).toHaveLength(0);
      // The name is still the request's Host; the signature is as usual.
      expect(atChecked[0]?.headers.host).toBe(`localhost:${port}`);
      expect(() =>
        verifyWebhook(secret, atChecked[0]?.headers[SIGNATURE_HEADER] as string, atChecked[0]?.body ?? ""),
      ).not.toThrow();

      // The next try looks the name up afresh, and goes where that answer (checked in its turn) says.
      expect(await deliverWebhook({ ...deps, resolveHost }, second?.id ?? "")).toBe("delivered");
      expect(lookups).toHaveLength(2);
      expect([atChecked.length, atRebound.length]).toEqual([1, 1]);
    } finally {
      await close(rebound);
      await close(checked);
    }
  });

  it("with private targets refused, a name that resolves to loopback is refused before any connection", async () => {
    const { endpoint: hook } = await createEndpoint(
      db,
      box,
      admin.id,
      {
        url: `http://hooks.rebind.test:${new URL(base).port}/in`,
        description: "",
        events: ["order.created"],
      },
      meta,
    );
    await order(1);
    const [delivery] = await deliveriesOf(hook.id);
    const resolveHost = () => Promise.resolve(["127.0.0.1"]);
    const strict = { ...deps, allowPrivateTargets: false, resolveHost };
    expect(await deliverWebhook(strict, delivery?.id ?? "")).toBe("retrying");
    expect(received).toEqual([]);
    const [attempt] = await db.webhookAttempt.findMany({ where: { deliveryId: delivery?.id ?? "" } });
    expect(attempt).toMatchObject({
      statusCode: null,
      error: "refused: hooks.rebind.test is a private address (127.0.0.1)",
    });
  });
});

describe("secret rotation", () => {
  it("signs with the new and the old secret until the grace period ends, then with the new one only", async () => {
    const { endpoint: hook, secret: old } = await endpoint(["order.created"]);
    const t0 = new Date();
    const hours = (n: number) => new Date(t0.getTime() + n * 3_600_000);
    const rotated = await rotateSecret(db, box, admin.id, { endpointId: hook.id, graceHours: 24 }, meta, t0);
    expect(rotated.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(rotated.secret).not.toBe(old);
    expect(rotated.endpoint.previousSecretExpiresAt).toEqual(hours(24));
    expect((await getEndpoint(db, hook.id)).previousSecretExpiresAt).toEqual(hours(24));
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "webhook_endpoint.secret_rotated", targetId: hook.id },
    });
    expect(audit).toMatchObject({ actorId: admin.id, details: { graceHours: 24 } });
    expect(JSON.stringify(audit)).not.toContain(rotated.secret);
    expect(JSON.stringify(audit)).not.toContain(old);

    await order(1);
    await order(1);
    const [during, after] = await deliveriesOf(hook.id);
    const signatureAt = async (deliveryId: string, at: Date) => {
      expect(await deliverWebhook(deps, deliveryId, () => at)).toBe("delivered");
      const request = received.at(-1);
      return { header: request?.headers[SIGNATURE_HEADER] as string, body: request?.body ?? "" };
    };

    const inGrace = await signatureAt(during?.id ?? "", hours(1));
    expect(inGrace.header).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(() => verifyWebhook(rotated.secret, inGrace.header, inGrace.body, hours(1))).not.toThrow();
    expect(() => verifyWebhook(old, inGrace.header, inGrace.body, hours(1))).not.toThrow();

    const past = await signatureAt(after?.id ?? "", hours(25));
    expect(past.header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(() => verifyWebhook(rotated.secret, past.header, past.body, hours(25))).not.toThrow();
    expect(() => verifyWebhook(old, past.header, past.body, hours(25))).toThrow("mismatch");
  });

  it("with no grace period the old secret stops at once, and an ended grace period is not shown", async () => {
    const { endpoint: hook, secret: old } = await endpoint(["order.created"]);
    const earlier = new Date(Date.now() - 25 * 3_600_000);
    await rotateSecret(db, box, admin.id, { endpointId: hook.id, graceHours: 24 }, meta, earlier);
    expect((await getEndpoint(db, hook.id)).previousSecretExpiresAt).toBeNull();

    const now = await rotateSecret(db, box, admin.id, { endpointId: hook.id, graceHours: 0 }, meta);
    expect(now.endpoint.previousSecretExpiresAt).toBeNull();
    await order(1);
    const [delivery] = await deliveriesOf(hook.id);
    expect(await deliverWebhook(deps, delivery?.id ?? "")).toBe("delivered");
    const [request] = received;
    const header = request?.headers[SIGNATURE_HEADER] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(() => verifyWebhook(now.secret, header, request?.body ?? "")).not.toThrow();
    expect(() => verifyWebhook(old, header, request?.body ?? "")).toThrow("mismatch");
  });

  it("two rotations at once keep one of the replaced secrets signing, never a lost one", async () => {
    const { endpoint: hook } = await endpoint(["order.created"]);
    // Both start while another transaction holds the row, so both have read it before either writes.
    let rotations: Promise<{ secret: string }>[] = [];
    await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "WebhookEndpoint" WHERE "id" = ${hook.id} FOR UPDATE`;
      rotations = [0, 1].map(() =>
        rotateSecret(db, box, admin.id, { endpointId: hook.id, graceHours: 24 }, meta),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    const [a, b] = await Promise.all(rotations);
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: hook.id } });
    const current = box.open(row.secret);
    // The later rotation's secret is current and the earlier one's is the previous: none skipped.
    expect([a?.secret, b?.secret]).toContain(current);
    expect([a?.secret, b?.secret]).toContain(box.open(row.previousSecret ?? ""));
  });
});

describe("secrets at rest", () => {
  it("are stored sealed, open only with the key that sealed them, and the column never holds the secret", async () => {
    const { endpoint: hook, secret } = await endpoint(["order.created"]);
    const [row] = await db.$queryRaw<{ secret: string }[]>`
      SELECT "secret" FROM "WebhookEndpoint" WHERE "id" = ${hook.id}`;
    const stored = row?.secret ?? "";
    expect(stored.startsWith(`v1.${box.keyId}.`)).toBe(true);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(secret.slice("whsec_".length));
    expect(box.open(stored)).toBe(secret);

    // A server with another key cannot sign with it: the try fails and says why, and nothing is sent.
    const otherKey = secretBox(randomBytes(32));
    expect(() => otherKey.open(stored)).toThrow(`sealed with key ${box.keyId}`);
    await order(1);
    const [delivery] = await deliveriesOf(hook.id);
    expect(await deliverWebhook({ ...deps, secrets: otherKey }, delivery?.id ?? "")).toBe("retrying");
    expect(received).toEqual([]);
    const [attempt] = await db.webhookAttempt.findMany({ where: { deliveryId: delivery?.id ?? "" } });
    expect(attempt?.error).toContain("not with this server's key");
  });

  it("stored in clear before sealing existed are still used, and are sealed when a worker starts", async () => {
    const secret = `whsec_${"L".repeat(43)}`;
    const previous = `whsec_${"P".repeat(43)}`;
    const legacy = await db.webhookEndpoint.create({
      data: {
        url: `${base}/hooks`,
        events: ["order.created"],
        secret,
        previousSecret: previous,
        previousSecretExpiresAt: new Date(Date.now() + 3_600_000),
        createdById: admin.id,
      },
    });
    await order(1);
    const [delivery] = await deliveriesOf(legacy.id);
    expect(await deliverWebhook(deps, delivery?.id ?? "")).toBe("delivered");
    const [request] = received;
    for (const key of [secret, previous]) {
      expect(() =>
        verifyWebhook(key, request?.headers[SIGNATURE_HEADER] as string, request?.body ?? ""),
      ).not.toThrow();
    }

    let runner: Runner | undefined;
    try {
      runner = await startWorker(
        {
          databaseUrl: url,
          db,
          mailer: createDatabaseMailer(db),
          appUrl: base,
          signingSecret: SIGNING_SECRET,
          paymentsWebhookSecret: "unused-here-0123456789",
          log: logger,
          webhooks: { retryBaseMs: RETRY_BASE_MS, allowPrivateTargets: true, secrets: box },
        },
        { concurrency: 1 },
      );
    } finally {
      await runner?.stop();
    }
    const sealed = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: legacy.id } });
    expect(sealed.secret.startsWith(`v1.${box.keyId}.`)).toBe(true);
    expect(sealed.previousSecret?.startsWith(`v1.${box.keyId}.`)).toBe(true);
    expect([box.open(sealed.secret), box.open(sealed.previousSecret ?? "")]).toEqual([secret, previous]);
    // Nothing left in clear: a second start seals nothing.
    expect(await sealStoredSecrets(db, box)).toBe(0);
  });

  it("are not sealed over a rotation that lands between reading and writing them", async () => {
    const secret = `whsec_${"R".repeat(43)}`;
    const legacy = await db.webhookEndpoint.create({
      data: { url: `${base}/hooks`, events: ["order.created"], secret, createdById: admin.id },
    });
    let rotated = "";
    // The real database, with an admin's rotation committed right after the rows are read.
    const racing = new Proxy(db, {
      get(target, property, receiver) {
        if (property !== "webhookEndpoint") return Reflect.get(target, property, receiver) as unknown;
        return {
          ...target.webhookEndpoint,
          findMany: async (...args: Parameters<typeof db.webhookEndpoint.findMany>) => {
            const rows = await target.webhookEndpoint.findMany(...args);
            rotated = (await rotateSecret(db, box, admin.id, { endpointId: legacy.id, graceHours: 24 }, meta))
              .secret;
            return rows;
          },
          updateMany: target.webhookEndpoint.updateMany.bind(target.webhookEndpoint),
        };
      },
    });
    expect(await sealStoredSecrets(racing, box)).toBe(0);
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: legacy.id } });
    expect(box.open(row.secret)).toBe(rotated);
    // The secret it replaced is left for the next start to seal.
    expect(row.previousSecret).toBe(secret);
  });
});
