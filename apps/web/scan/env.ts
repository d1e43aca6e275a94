// The scan's settings, read and checked once; the only scan module that touches process.env.
import { z } from "zod";

const blankIsUnset = (value: unknown) => (value === "" ? undefined : value);

const scanSchema = z.object({
  /** wapiti's crawl budget, seconds (`--max-scan-time`). */
  SCAN_CRAWL_SECONDS: z.preprocess(blankIsUnset, z.coerce.number().int().min(5).max(600).default(45)),
  /** wapiti's budget per attack module, seconds (`--max-attack-time`). */
  SCAN_ATTACK_SECONDS: z.preprocess(blankIsUnset, z.coerce.number().int().min(5).max(600).default(25)),
  WAPITI_BIN: z.preprocess(blankIsUnset, z.string().default("wapiti")),
  SQLMAP_BIN: z.preprocess(blankIsUnset, z.string().default("sqlmap")),
});

export type ScanEnv = z.infer<typeof scanSchema>;

export function readScanEnv(): ScanEnv {
  const parsed = scanSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid scan settings:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The environment for a process the scan starts: this process's, with `overrides` on top. */
export function childEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

/** PATH's folders, in order. */
export const searchPath = () => (process.env.PATH ?? "").split(":").filter(Boolean);

/** PATH with `dir` first (where `with-db` and `next` are). */
export const pathWith = (dir: string) => [dir, ...searchPath()].join(":");

/**
 * The scan calls the API's own procedures in process (to make its API key the way the admin
 * console does); they read the shop's settings from this process's environment, so it gets the
 * same secret and origin as the server under test.
 */
export function shareServerSettings(settings: { AUTH_SECRET: string; APP_URL: string }): void {
  Object.assign(process.env, settings);
}
