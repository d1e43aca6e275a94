import { appRedirectUriSetting } from "@bazaar/validators";
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
    /** REST API requests a minute per API key; each client address may make twice as many. */
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
    /**
     * Where shoppers reach the shop. Links in mail are built from it (never from the request's
     * Host header, which a caller controls), and https here turns on `__Host-` Secure cookies.
     */
    APP_URL: z
      .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
      .default("http://localhost:3000")
      .transform((url) => url.replace(/\/+$/, "")),
    /**
     * How many proxies in front of the app append to X-Forwarded-For: the client's address is
     * that many entries from the right (entries further left are whatever the client sent).
     */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
    /**
     * Where the phone app may ask an OAuth sign-in in the system browser to come back to
     * (/api/app-auth/start, decision 0025): comma-separated absolute URIs, each matched exactly.
     */
    APP_REDIRECT_URIS: z
      .string()
      .default("bazaar://auth")
      .transform((list) =>
        list
          .split(",")
          .map((uri) => uri.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(appRedirectUriSetting.refine((uri) => URL.canParse(uri), "must be a URI that URL can parse"))
          .min(1, "must list at least one URI"),
      ),
    // Sign-in providers: each one is offered when both its id and secret are set.
    AUTH_GITHUB_ID: z.string().optional(),
    AUTH_GITHUB_SECRET: z.string().optional(),
    AUTH_GOOGLE_ID: z.string().optional(),
    AUTH_GOOGLE_SECRET: z.string().optional(),
    AUTH_DISCORD_ID: z.string().optional(),
    AUTH_DISCORD_SECRET: z.string().optional(),
    /** Any OpenID Connect issuer (Keycloak, Auth0, Entra ID ...), found by discovery. */
    AUTH_OIDC_ISSUER: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).optional(),
    AUTH_OIDC_ID: z.string().optional(),
    AUTH_OIDC_SECRET: z.string().optional(),
    /** The button's label for the generic OIDC provider. */
    AUTH_OIDC_NAME: z.string().default("Single sign-on"),
    AUTH_URL: z.string().optional(),
    NEXTAUTH_URL: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production" });
    }
    // Plain http is for this machine only: anywhere else cookies and links would travel in clear.
    if (env.NODE_ENV === "production" && !isHttps(env.APP_URL) && !isLoopback(env.APP_URL)) {
      ctx.addIssue({
        code: "custom",
        path: ["APP_URL"],
        message: "must be https:// in production (http is allowed only for localhost)",
      });
    }
    // next-auth would build its callback URLs from these instead of APP_URL (apps/web/src/server/auth.ts).
    for (const name of ["AUTH_URL", "NEXTAUTH_URL"] as const) {
      if (env[name])
        ctx.addIssue({ code: "custom", path: [name], message: "must not be set: Bazaar uses APP_URL" });
    }
    for (const provider of ["GITHUB", "GOOGLE", "DISCORD", "OIDC"] as const) {
      const id = env[`AUTH_${provider}_ID`];
      const secret = env[`AUTH_${provider}_SECRET`];
      if (Boolean(id) !== Boolean(secret)) {
        const missing = id ? "SECRET" : "ID";
        ctx.addIssue({
          code: "custom",
          path: [`AUTH_${provider}_${missing}`],
          message: `is needed with AUTH_${provider}_${missing === "ID" ? "SECRET" : "ID"}`,
        });
      }
    }
    if (env.AUTH_OIDC_ID && !env.AUTH_OIDC_ISSUER) {
      ctx.addIssue({ code: "custom", path: ["AUTH_OIDC_ISSUER"], message: "is needed with AUTH_OIDC_ID" });
    }
  });

function isHttps(url: string) {
  return url.startsWith("https://");
}

function isLoopback(url: string) {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "[::1]" || host.startsWith("127.");
}

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
