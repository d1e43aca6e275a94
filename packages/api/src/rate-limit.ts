// Counting a caller's request against a rate limit, as procedures do: a refusal becomes the 429
// that says how long to wait (TooManyRequestsError; the HTTP layers send Retry-After).
import { RateLimitedError, type RateLimitedAction } from "@bazaar/auth";

import type { Context } from "./context.ts";
import { TooManyRequestsError } from "./errors.ts";

/**
 * Count one request per IP and per `account` (an email, or an API key's `key:<id>`); without an
 * account, per IP only.
 */
export async function limitRequest(
  ctx: Pick<Context, "rateLimiter" | "ip">,
  action: RateLimitedAction,
  account?: string,
): Promise<void> {
  try {
    await ctx.rateLimiter.check(action, { ip: ctx.ip ?? "unknown", account: account ?? null });
  } catch (error) {
    if (error instanceof RateLimitedError)
      throw new TooManyRequestsError(error.message, error.retryAfterSeconds);
    throw error;
  }
}
