// The REST API's settings, read once: which browser origins may call /api/v1 (none by default;
// integrations call from servers, which send no Origin and need no CORS).
import { z } from "zod";

const origin = z
  .url("must be an origin such as https://partner.example")
  .refine(
    (value) => new URL(value).origin === value.replace(/\/$/, ""),
    "must be an origin (scheme, host and port only)",
  )
  .transform((value) => new URL(value).origin);

const schema = z.object({
  /** Comma-separated origins allowed to call /api/v1 from a browser. */
  API_CORS_ORIGINS: z
    .string()
    .default("")
    .transform((list) =>
      list
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(origin)),
});
export type RestEnv = z.infer<typeof schema>;

export function readRestEnv(env: NodeJS.ProcessEnv = process.env): RestEnv {
  const parsed = schema.safeParse({ API_CORS_ORIGINS: env.API_CORS_ORIGINS });
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${["API_CORS_ORIGINS", ...issue.path].join(".")}: ${issue.message}`,
    );
    throw new Error(`Invalid REST API configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
