export {
  bazaarAdapter,
  EMAIL_VERIFIED_BY_PROVIDER,
  type BazaarAdapter,
  type BazaarAdapterOptions,
} from "./adapter.ts";
export {
  nextAuthConfig,
  nextAuthSecret,
  requestMeta,
  NEXT_AUTH_BASE_PATH,
  SIGN_IN_ERROR_NO_EMAIL,
  type NextAuthOptions,
} from "./config.ts";
export { configuredProviders, oauthProviders, type ConfiguredProvider } from "./providers.ts";
