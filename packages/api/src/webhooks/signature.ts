import { createHmac, timingSafeEqual } from "node:crypto";

// Webhook signatures, one scheme both ways: the shop signs its outgoing webhooks with it (an
// endpoint's secret), and the built-in test payment provider signs the deliveries the shop
// receives with it, as real providers do:
// `Bazaar-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. The
// timestamp is signed with the body, so an old delivery cannot be replayed with a new time.

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

export function signWebhook(secret: string, rawBody: string, now = new Date()): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v1=${mac(secret, timestamp, rawBody)}`;
}

/** Throws WebhookSignatureError unless `header` signs exactly `rawBody` with `secret`, recently. */
export function verifyWebhook(
  secret: string,
  header: string | null,
  rawBody: string,
  now = new Date(),
): void {
  if (!header) throw new WebhookSignatureError("missing");
  const parts = new Map(
    header.split(",").map((part) => {
      const at = part.indexOf("=");
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const timestamp = Number(parts.get("t"));
  const signature = parts.get("v1") ?? "";
  if (!Number.isSafeInteger(timestamp) || !/^[0-9a-f]{64}$/.test(signature)) {
    throw new WebhookSignatureError("malformed");
  }
  if (Math.abs(now.getTime() / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) {
    throw new WebhookSignatureError("expired");
  }
  const expected = Buffer.from(mac(secret, timestamp, rawBody), "hex");
  if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) throw new WebhookSignatureError("mismatch");
}
