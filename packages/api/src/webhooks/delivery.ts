// Sending one webhook delivery (the "deliver-webhook" job): sign the stored body with the
// endpoint's secret (and, during a rotation, the previous one) and a fresh timestamp, POST it to
// the address its host was resolved to and checked as, and write down what came back. A 2xx
// answer delivers it; anything else (another status, a redirect, a refusal, a timeout) is retried
// later, each wait twice the one before, until MAX_DELIVERY_ATTEMPTS tries have failed.
import { lookup } from "node:dns/promises";
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";

import type { Db } from "@bazaar/db";

import { enqueueJob } from "../jobs/queue.ts";
import type { Logger } from "../logger.ts";
import type { WebhookPayload } from "./events.ts";
import type { SecretBox } from "./secret-box.ts";
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
  /** Opens the endpoints' stored secrets. */
  secrets: SecretBox;
  /** A host name's addresses; the system resolver unless a test brings its own. */
  resolveHost?: ResolveHost;
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

export type ResolveHost = (hostname: string) => Promise<string[]>;

const resolveWithSystem: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true })).map((entry) => entry.address);

/**
 * The one address this try sends to: the URL's host resolved once and, unless private targets
 * are allowed, refused if any answer is private. The connection goes to this address, never to
 * the name again, so a DNS answer that changes after the check (rebinding) cannot steer it.
 */
export async function targetAddress(
  url: URL,
  options: { allowPrivateTargets: boolean; resolveHost?: ResolveHost | undefined },
): Promise<{ address: string } | { refusal: string }> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : await (options.resolveHost ?? resolveWithSystem)(host);
  const blocked = options.allowPrivateTargets ? undefined : addresses.find(isPrivate);
  if (blocked) return { refusal: `refused: ${url.hostname} is a private address (${blocked})` };
  const [address] = addresses;
  return address ? { address } : { refusal: `refused: ${url.hostname} has no address` };
}

/**
 * POST `body` to `url` over a connection to `address`. The name stays the request's Host and,
 * over https, its SNI and the name the certificate must match. A fresh connection each try
 * (no pooled one left from an earlier answer); redirects are never followed.
 */
function postTo(
  url: URL,
  address: string,
  headers: OutgoingHttpHeaders,
  body: string,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const family = isIP(address);
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
        lookup: pinned,
        agent: false,
        signal,
      },
      resolve,
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** The start of a response's body, without reading more of a large one. */
async function startOf(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.byteLength;
    if (size >= RESPONSE_KEPT_BYTES) break;
  }
  response.destroy();
  return Buffer.concat(chunks).subarray(0, RESPONSE_KEPT_BYTES).toString("utf8");
}

const timedOut = (error: unknown) =>
  error instanceof Error &&
  (error.name === "TimeoutError" || (error.cause instanceof Error && error.cause.name === "TimeoutError"));

const describe = (error: unknown) => {
  if (timedOut(error)) return `no answer within ${DELIVERY_TIMEOUT_MS} ms`;
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
    include: {
      endpoint: {
        select: {
          url: true,
          secret: true,
          previousSecret: true,
          previousSecretExpiresAt: true,
          disabledAt: true,
        },
      },
    },
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
  const { endpoint } = delivery;
  const disabled = endpoint.disabledAt !== null;
  try {
    const url = new URL(endpoint.url);
    const target = disabled ? { refusal: "the endpoint is disabled" } : await targetAddress(url, deps);
    if ("refusal" in target) error = target.refusal;
    else {
      const signedAt = now();
      // The secret before a rotation signs too until its grace period ends.
      const secrets = [endpoint.secret];
      if (
        endpoint.previousSecret &&
        endpoint.previousSecretExpiresAt &&
        endpoint.previousSecretExpiresAt > signedAt
      ) {
        secrets.push(endpoint.previousSecret);
      }
      const headers = {
        "content-type": "application/json",
        "user-agent": "Bazaar-Webhooks/1",
        [SIGNATURE_HEADER]: signWebhook(
          secrets.map((stored) => deps.secrets.open(stored)),
          body,
          signedAt,
        ),
        "bazaar-event": delivery.event,
        "bazaar-event-id": delivery.eventId,
        "bazaar-delivery": delivery.id,
      };
      const signal = AbortSignal.any([
        AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
        ...(deps.signal ? [deps.signal] : []),
      ]);
      // A redirect is not followed (it could point anywhere); it counts as a failed try.
      const answer = await postTo(url, target.address, headers, body, signal);
      statusCode = answer.statusCode ?? null;
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
