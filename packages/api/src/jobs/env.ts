// Where the job worker runs and how much at once: read by the app (in-process worker) and by
// `pnpm worker` alike, so both accept and refuse the same values.
import { z } from "zod";

const schema = z.object({
  /** `off` when the worker runs as processes of its own (`pnpm worker`). */
  JOBS_WORKER: z.enum(["in-process", "off"]).default("in-process"),
  /** How many jobs one worker runs at once. */
  JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
});
export type JobsEnv = z.infer<typeof schema>;

export function readJobsEnv(env: NodeJS.ProcessEnv = process.env): JobsEnv {
  const set = (value: string | undefined) => (value === "" ? undefined : value);
  const parsed = schema.safeParse({
    JOBS_WORKER: set(env.JOBS_WORKER),
    JOBS_CONCURRENCY: set(env.JOBS_CONCURRENCY),
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid jobs configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
