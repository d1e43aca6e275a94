import { createHmac, timingSafeEqual } from "node:crypto";

// Webhook signatures, one scheme both ways: the shop signs its outgoing webhooks with it (an
// endpoint's secret), and the built-in test payment provider signs the deliveries the shop
// receives with it, as real providers do:
// `Bazaar-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. The
// timestamp is signed with the body, so an old delivery cannot be replayed with a new time. While
// an endpoint's secret is being rotated the header carries one v1 per secret, newest first, and a
// receiver accepts the delivery when any of them is made with the secret it holds.

/** The header the signature travels in. */
export const SIGNATURE_HEADER = "bazaar-signature";

/** Deliveries older (or further in the future) than this are refused. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type SignatureProblem = "missing" | "malformed" | "expired" | "mismatch";

export class WebhookSignatureError extends Error {
  override name = "WebhookSignatureError";
  constructor(readonly problem: SignatureProblem) {
    super(`webhook signature ${problem}`);
  }
}

const mac = (secret: string, timestamp: number, rawBody: string) =>
  createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex");

/** The header's value: one v1 for each of `secrets` (one, or two during a rotation). */
export function signWebhook(secrets: string | readonly string[], rawBody: string, now = new Date()): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  const signatures = (typeof secrets === "string" ? [secrets] : secrets).map(
    (secret) => `v1=${mac(secret, timestamp, rawBody)}`,
  );
  return [`t=${timestamp}`, ...signatures].join(",");
}

/**
 * Throws WebhookSignatureError unless one of `header`'s v1 values signs exactly `rawBody` with
 * `secret`, recently.
 */
export function verifyWebhook(
  secret: string,
  header: string | null,
  rawBody: string,
  now = new Date(),
): void {
  if (!header) throw new WebhookSignatureError("missing");
  const parts = header.split(",").map((part) => {
    const at = part.indexOf("=");
    return { key: part.slice(0, at).trim(), value: part.slice(at + 1).trim() };
  });
  const timestamp = Number(parts.find((part) => part.key === "t")?.value);
  const signatures = parts.filter((part) => part.key === "v1").map((part) => part.value);
  if (!Number.isSafeInteger(timestamp) || signatures.length === 0)
    throw new WebhookSignatureError("malformed");
  if (Math.abs(now.getTime() / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) {
    throw new WebhookSignatureError("expired");
  }
  const expected = Buffer.from(mac(secret, timestamp, rawBody), "hex");
  // Values of the wrong shape are skipped (a later scheme's, say), not compared.
  const matches = signatures.some(
    (signature) =>
      /^[0-9a-f]{64}$/.test(signature) && timingSafeEqual(expected, Buffer.from(signature, "hex")),
  );
  if (!matches) throw new WebhookSignatureError("mismatch");
}
