import { logger } from "@bazaar/api";
import { DATABASE_RETRY_AFTER_SECONDS } from "@bazaar/db/availability";

import { getDb } from "~/server/db";
import { checkHealth } from "~/server/health";

export const dynamic = "force-dynamic";

/** For load balancers and uptime checks: 200 when the database answers, 503 otherwise. */
export async function GET() {
  const health = await checkHealth(getDb());
  if (health.status !== "ok") logger.warn({ health }, "health check failed");
  const ok = health.status === "ok";
  return Response.json(health, {
    status: ok ? 200 : 503,
    headers: {
      "Cache-Control": "no-store",
      ...(ok ? {} : { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) }),
    },
  });
}
