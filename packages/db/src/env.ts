import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

// The repository root: .data/ (the embedded database) lives there whichever package runs.
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

const schema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  BAZAAR_DATA_DIR: z.string().min(1).default(path.join(repoRoot, ".data")),
});

export type DbEnv = z.infer<typeof schema>;

/** Read and check the database settings; throws one readable error naming every bad variable. */
export function readDbEnv(source: Record<string, string | undefined> = process.env): DbEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid database configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** A configuration problem the person starting the app can fix; printed without a stack trace. */
export class ConfigError extends Error {
  override name = "ConfigError";
}
