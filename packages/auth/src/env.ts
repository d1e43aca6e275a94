import { z } from "zod";

const minutes = (fallback: number) => z.coerce.number().int().min(1).max(525_600).default(fallback);

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /** Signs cookies and tokens; required in production. */
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /** A session unused for this long ends (customers). */
    SESSION_IDLE_MINUTES: minutes(60 * 24 * 14),
    /** A session ends this long after sign-in however much it is used (customers). */
    SESSION_MAX_MINUTES: minutes(60 * 24 * 30),
    /** Staff and admin sessions are shorter: they can change the shop. */
    STAFF_SESSION_IDLE_MINUTES: minutes(30),
    STAFF_SESSION_MAX_MINUTES: minutes(60 * 12),
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" }).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production" });
    }
  });

export type AuthEnv = z.infer<typeof schema>;

/** Read and check the auth settings; one readable error naming every bad variable. */
export function readAuthEnv(source: Record<string, string | undefined> = process.env): AuthEnv {
  const parsed = schema.safeParse(
    Object.fromEntries(Object.entries(source).filter(([, value]) => value !== "")),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new AuthConfigError(`Invalid auth configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export class AuthConfigError extends Error {
  override name = "AuthConfigError";
}
