import { logger } from "@bazaar/api";
import { clientIp, readAuthEnv } from "@bazaar/auth";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

import { MAX_REPORT_BYTES, parseCspReport, REPORTS_PER_MINUTE } from "~/server/security/csp-reports";

// Counted in this process only: the limit bounds how much one client can make us log.
const limiter = new RateLimiterMemory({ points: REPORTS_PER_MINUTE, duration: 60 });

const empty = (status: number, headers: Record<string, string> = {}) =>
  new Response(null, { status, headers });

/** Where browsers report Content-Security-Policy violations (server/security/headers.ts). */
export async function POST(request: Request) {
  const contentType = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (contentType !== "application/csp-report" && contentType !== "application/reports+json")
    return empty(415);
  const declared = request.headers.get("content-length");
  if (declared === null || !/^\d+$/.test(declared)) return empty(411);
  if (Number(declared) > MAX_REPORT_BYTES) return empty(413);

  const ip = clientIp(request.headers.get("x-forwarded-for"), readAuthEnv().TRUSTED_PROXY_HOPS) ?? "unknown";
  try {
    await limiter.consume(ip);
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    return empty(429, { "retry-after": String(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000))) });
  }

  const parsed = parseCspReport(contentType, await request.text());
  if (!parsed.ok) return empty(parsed.status);
  for (const violation of parsed.violations)
    logger.warn({ csp: violation, ip }, "content security policy violation");
  return empty(204);
}
