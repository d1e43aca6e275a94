// Sending one webhook delivery (the "deliver-webhook" job): sign the stored body with the
// endpoint's secret and a fresh timestamp, POST it, and write down what came back. A 2xx answer
// delivers it; anything else (another status, a redirect, a refusal, a timeout) is retried later,
// each wait twice the one before, until MAX_DELIVERY_ATTEMPTS tries have failed.
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

import type { Db } from "@bazaar/db";

import { enqueueJob } from "../jobs/queue.ts";
import type { Logger } from "../logger.ts";
import type { WebhookPayload } from "./events.ts";
import { SIGNATURE_HEADER, signWebhook } from "./signature.ts";

/** Tries before a delivery is given up (FAILED); an admin can still replay it. */
export const MAX_DELIVERY_ATTEMPTS = 8;
/** The first retry's wait; the n-th waits base × 2^(n−1): 30 s, 1 min, 2 min … about an hour in all. */
export const RETRY_BASE_MS = 30_000;
/** No wait is longer than this, whatever the base. */
export const MAX_RETRY_DELAY_MS = 6 * 60 * 60_000;
/** A receiver that has not answered by then has failed this try. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** How much of a receiver's answer the log keeps. */
export const RESPONSE_KEPT_BYTES = 1024;

export interface WebhookDeliveryDeps {
  db: Db;
  log: Logger;
  /** The first retry's wait (tests shorten it). */
  retryBaseMs: number;
  /** Send to loopback and private-network addresses (development and tests); refused otherwise. */
  allowPrivateTargets: boolean;
  /** The worker's signal: a shutdown stops a send in flight (it is then retried). */
  signal?: AbortSignal;
}

export type DeliveryOutcome = "delivered" | "retrying" | "failed" | "skipped";

export const retryDelayMs = (attempt: number, baseMs: number) =>
  Math.min(baseMs * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);

// Addresses a shop's webhooks must not reach unless allowed: the host itself, private networks,
// link-local (cloud metadata services), carrier-grade NAT and unspecified addresses.
const privateRanges = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
] as const)
  privateRanges.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  // NAT64: IPv4 addresses (private ones too) reached through an IPv6 prefix.
  ["64:ff9b::", 96],
] as const)
  privateRanges.addSubnet(network, prefix, "ipv6");

const isPrivate = (address: string) => {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return privateRanges.check(mapped, "ipv4");
  return privateRanges.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
};

/** Why `url` may not be sent to (it names a private address), or null. */
export async function privateTargetRefusal(url: URL): Promise<string | null> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address);
  const blocked = addresses.find(isPrivate);
  return blocked ? `refused: ${url.hostname} is a private address (${blocked})` : null;
}

/** The start of a response's body, without reading more of a large one. */
async function startOf(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < RESPONSE_KEPT_BYTES) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, RESPONSE_KEPT_BYTES));
}

const describe = (error: unknown) => {
  if (error instanceof Error && error.name === "TimeoutError")
    return `no answer within ${DELIVERY_TIMEOUT_MS} ms`;
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error instanceof Error ? error.message : String(error)}${cause}`.slice(0, 500);
};

/** Try delivery `deliveryId` once and record the try; queues the next one when it failed. */
export async function deliverWebhook(
  deps: WebhookDeliveryDeps,
  deliveryId: string,
  now: () => Date = () => new Date(),
): Promise<DeliveryOutcome> {
  const { db } = deps;
  const delivery = await db.webhookDelivery.findUnique({
    where: { id: deliveryId },
    include: { endpoint: { select: { url: true, secret: true, disabledAt: true } } },
  });
  if (delivery?.status !== "PENDING") return "skipped";

  const number = delivery.attempts + 1;
  // In the documented order (the database keeps JSON keys in an order of its own).
  const { id, type, createdAt, data } = delivery.payload as unknown as WebhookPayload;
  const body = JSON.stringify({ id, type, createdAt, data });
  const started = performance.now();
  let statusCode: number | null = null;
  let response: string | null = null;
  let error: string | null = null;
  const disabled = delivery.endpoint.disabledAt !== null;
  try {
    const url = new URL(delivery.endpoint.url);
    if (disabled) error = "the endpoint is disabled";
    else if (!deps.allowPrivateTargets) error = await privateTargetRefusal(url);
    if (!error) {
      const answer = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Bazaar-Webhooks/1",
          [SIGNATURE_HEADER]: signWebhook(delivery.endpoint.secret, body, now()),
          "bazaar-event": delivery.event,
          "bazaar-event-id": delivery.eventId,
          "bazaar-delivery": delivery.id,
        },
        body,
        // A redirect is not followed (it could point anywhere); it counts as a failed try.
        redirect: "manual",
        signal: AbortSignal.any([
          AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
          ...(deps.signal ? [deps.signal] : []),
        ]),
      });
      statusCode = answer.status;
      response = await startOf(answer);
    }
  } catch (cause) {
    error = describe(cause);
  }
  const durationMs = Math.round(performance.now() - started);
  const delivered = statusCode !== null && statusCode >= 200 && statusCode < 300;
  const outcome: DeliveryOutcome = delivered
    ? "delivered"
    : disabled || number >= MAX_DELIVERY_ATTEMPTS
      ? "failed"
      : "retrying";
  const at = now();
  const nextAttemptAt =
    outcome === "retrying" ? new Date(at.getTime() + retryDelayMs(number, deps.retryBaseMs)) : null;

  await db.$transaction(async (tx) => {
    // The unique (delivery, number) key stops a second run of the same try from being recorded.
    await tx.webhookAttempt.create({
      data: { deliveryId, number, statusCode, response, error, durationMs, createdAt: at },
    });
    await tx.webhookDelivery.update({
      where: { id: deliveryId },
      data: {
        attempts: number,
        status: delivered ? "SUCCEEDED" : outcome === "failed" ? "FAILED" : "PENDING",
        deliveredAt: delivered ? at : null,
        nextAttemptAt,
      },
    });
    if (nextAttemptAt) {
      await enqueueJob(tx, "deliver-webhook", { deliveryId }, `webhook:${deliveryId}`, {
        runAt: nextAttemptAt,
      });
    }
  });
  deps.log.info(
    { deliveryId, event: delivery.event, attempt: number, statusCode, error, outcome, durationMs },
    "webhook delivery",
  );
  return outcome;
}
