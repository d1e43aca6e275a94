// next-auth's log lines, sent to the app's structured logger instead of its own console output,
// which prints every failed or cancelled OAuth sign-in as an error with a stack trace.
import type { NextAuthConfig } from "next-auth";

/** The part of the app's structured logger (pino) that next-auth writes to. */
export interface AuthLog {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/**
 * Failures a shopper or a provider causes, which the sign-in page explains: a cancelled or
 * refused consent, an expired or replayed callback, an address that belongs to another account.
 */
const EXPECTED = new Set([
  "AccessDenied",
  "CallbackRouteError",
  "InvalidCheck",
  "OAuthAccountNotLinked",
  "OAuthCallbackError",
  "OAuthSignInError",
  "Verification",
]);

/** An Auth.js error's type, and what it carries: the error it wrapped, the provider. */
function parts(error: Error): { type?: string; wrapped?: Error; provider?: string } {
  const type = "type" in error && typeof error.type === "string" ? error.type : undefined;
  const cause = typeof error.cause === "object" && error.cause !== null ? error.cause : {};
  return {
    type,
    wrapped: "err" in cause && cause.err instanceof Error ? cause.err : undefined,
    provider: "provider" in cause && typeof cause.provider === "string" ? cause.provider : undefined,
  };
}

/** next-auth's `logger`. `debug` is left out: next-auth keeps it silent unless `debug` is on. */
export function nextAuthLogger(log: AuthLog): NonNullable<NextAuthConfig["logger"]> {
  return {
    error(error) {
      const { type, wrapped, provider } = parts(error);
      // AccessDenied also wraps whatever the signIn callback threw (the database being away, say):
      // that is a fault to look into, not a refusal.
      const expected = type !== undefined && EXPECTED.has(type) && !(type === "AccessDenied" && wrapped);
      if (!expected) {
        // The error next-auth wrapped is the one whose stack says what went wrong.
        log.error({ type: type ?? error.name, err: wrapped ?? error }, "next-auth error");
        return;
      }
      log.warn(
        {
          type,
          message: error.message,
          ...(provider ? { provider } : {}),
          ...(wrapped ? { cause: wrapped.message } : {}),
        },
        "sign-in failed",
      );
    },
    warn(code) {
      log.warn({ code }, "next-auth warning");
    },
  };
}
