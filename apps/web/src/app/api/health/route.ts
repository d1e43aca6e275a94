import { logger } from "@bazaar/api";

import { getDb } from "~/server/db";
import { checkHealth } from "~/server/health";

export const dynamic = "force-dynamic";

/** For load balancers and uptime checks: 200 when the database answers, 503 otherwise. */
export async function GET() {
  const health = await checkHealth(getDb());
  if (health.status !== "ok") logger.warn({ health }, "health check failed");
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
