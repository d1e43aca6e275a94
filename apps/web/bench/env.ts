// The benchmark's settings, read and checked once; the only bench module that touches process.env.
import { z } from "zod";

const blankIsUnset = (value: unknown) => (value === "" ? undefined : value);
const whole = (min: number, max: number, fallback: number) =>
  z.preprocess(blankIsUnset, z.coerce.number().int().min(min).max(max).default(fallback));

const benchSchema = z.object({
  /** Seconds of measured load per endpoint and server (after a short warm-up). */
  BENCH_DURATION: whole(1, 120, 10),
  /** Concurrent keep-alive connections autocannon holds open. */
  BENCH_CONNECTIONS: whole(1, 200, 10),
  /** Generated products added to the seed catalog (issue 4 asks for 50,000). */
  BENCH_PRODUCTS: whole(0, 200_000, 50_000),
  /** Generated orders for the admin console's tables (issue 6 asks for 100,000); 0 skips that part. */
  BENCH_ORDERS: whole(0, 1_000_000, 100_000),
});

export type BenchEnv = z.infer<typeof benchSchema>;

function parse<T extends z.ZodType>(schema: T, what: string): z.infer<T> {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid ${what} settings:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export function readBenchEnv(): BenchEnv {
  return parse(benchSchema, "benchmark");
}

/** What the bare server (bare-server.ts, a child process) is started with. */
const bareSchema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  BARE_PORT: z.coerce.number().int().min(1).max(65535),
  BARE_POOL_SIZE: z.coerce.number().int().min(1).max(100),
});

export function readBareServerEnv() {
  return parse(bareSchema, "bare server");
}

/** The environment for a server the bench starts: this process's, with `overrides` on top. */
export function serverEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
