export {
  APP_SIGN_IN_CODE_MINUTES,
  APP_SIGN_IN_PENDING_MINUTES,
  completePendingAppSignIn,
  consumeAppSignInCode,
  issueAppSignInCode,
  openPendingAppSignIn,
  pkceVerifierMatches,
  sealPendingAppSignIn,
  type OpenedAppSignIn,
  type PendingAppSignIn,
} from "./app-sign-in.ts";
export { recordAuthEvent, type AuthEvent, type RequestMeta } from "./audit.ts";
export {
  appSignInCookie,
  cartCookie,
  clientIp,
  readCookie,
  serializeCookie,
  sessionCookie,
} from "./cookie.ts";
export { AuthConfigError, readAuthEnv, type AuthEnv } from "./env.ts";
export { consumeAuthToken, issueAuthToken, TOKEN_LIFETIME_MINUTES } from "./one-time-tokens.ts";
export {
  configuredProviders,
  nextAuthConfig,
  requestMeta,
  SIGN_IN_ERROR_NO_EMAIL,
  type ConfiguredProvider,
} from "./next-auth/index.ts";
export { hashPassword, needsRehash, verifyAgainstDecoy, verifyPassword, ARGON2_OPTIONS } from "./password.ts";
export { COMMON_PASSWORDS_REFUSED, isCommonPassword, newPasswordSchema } from "./password-policy.ts";
export {
  createSession,
  listSessions,
  resolveSession,
  revokeSession,
  revokeSessions,
  type ActiveSession,
  type SessionPolicy,
  type SessionUser,
} from "./sessions.ts";
export { createRedisClient, processRedis, whenRedisReady } from "./redis.ts";
export { generateToken, hashToken, TOKEN_PATTERN } from "./tokens.ts";
export { signingSecret, signValue, verifySignedValue } from "./signed-values.ts";
export {
  createRateLimiter,
  RATE_LIMIT_POLICIES,
  RateLimitedError,
  rateLimiterFromEnv,
  type RateLimitedAction,
  type RateLimiter,
} from "./rate-limit.ts";
