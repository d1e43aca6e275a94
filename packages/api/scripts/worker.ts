// `pnpm worker`: the job worker as a process of its own, for when the app runs with
// JOBS_WORKER=off (several app instances, or jobs kept off the web servers). Any number may run:
// the queue hands each job to one of them.
import { createDb } from "@bazaar/db";

import { readJobsEnv } from "../src/jobs/env.ts";
import { startWorker, workerDepsFromEnv } from "../src/jobs/worker.ts";
import { logger } from "../src/logger.ts";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_URL is not set (run it as `pnpm worker`, which provides one)");
  process.exit(2);
}
const { JOBS_CONCURRENCY: concurrency } = readJobsEnv();
const db = createDb(databaseUrl);
const log = logger.child({ component: "worker" });
const runner = await startWorker(workerDepsFromEnv(databaseUrl, db, log), { concurrency });
log.info({ concurrency }, "job worker started");
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    log.info({ signal }, "job worker stopping after the jobs in hand");
    void runner.stop().finally(() => db.$disconnect());
  });
}
await runner.promise;
