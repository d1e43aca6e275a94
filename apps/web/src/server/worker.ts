// The job worker inside the app's process (the default): order and account mail, unpaid-order
// expiry, the test provider's webhook deliveries. With JOBS_WORKER=off, `pnpm worker` runs it instead.
import { logger, readJobsEnv, startWorker, workerDepsFromEnv } from "@bazaar/api";

import { serverEnv } from "~/env";
import { getDb } from "~/server/db";

export async function startInProcessWorker(): Promise<void> {
  const { JOBS_WORKER, JOBS_CONCURRENCY: concurrency } = readJobsEnv();
  if (JOBS_WORKER === "off") return;
  const log = logger.child({ component: "worker" });
  const runner = await startWorker(workerDepsFromEnv(serverEnv().DATABASE_URL, getDb(), log), {
    concurrency,
  });
  log.info({ concurrency }, "job worker started in the app process");
  // Finish the jobs in hand before the process exits (next start handles SIGTERM and SIGINT).
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => void runner.stop());
  }
}
