// The web app's configuration, read and checked once. Lazy on purpose: `next build` imports
// this module without a database, and only a running server needs one.
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

let cached: ReturnType<typeof read> | undefined;

function read() {
  return createEnv({
    server: {
      DATABASE_URL: z.url({
        protocol: /^postgres(ql)?$/,
        error: "must be a postgres:// URL (start the app with `pnpm dev` or `pnpm start`, which provide one)",
      }),
      NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
      /** `off` sends every catalog read to the database (debugging; the benchmark's uncached run). */
      CATALOG_CACHE: z.enum(["on", "off"]).default("on"),
    },
    client: {},
    experimental__runtimeEnv: {},
    emptyStringAsUndefined: true,
    onValidationError(issues) {
      const lines = issues.map(
        (issue) =>
          `  ${(issue.path ?? []).map((key) => (typeof key === "object" ? String(key.key) : String(key))).join(".")}: ${issue.message}`,
      );
      throw new Error(`Invalid web configuration:\n${lines.join("\n")}`);
    },
  });
}

/** The server's settings; throws one readable error naming every bad variable. */
export function serverEnv() {
  cached ??= read();
  return cached;
}
