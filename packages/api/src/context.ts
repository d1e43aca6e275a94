import { randomUUID } from "node:crypto";
import {
  cartCookie,
  serializeCookie,
  signingSecret,
  signValue,
  verifySignedValue,
  rateLimiterFromEnv,
  type RateLimiter,
  clientIp,
  readAuthEnv,
  readCookie,
  resolveSession,
  sessionCookie,
  TOKEN_PATTERN,
  type ActiveSession,
  type SessionPolicy,
} from "@bazaar/auth";
import type { Db, SessionKind } from "@bazaar/db";
import { mediaStorageFromEnv, type MediaStorage } from "@bazaar/media";
import { TRPCError } from "@trpc/server";

import { looksLikeApiKey, verifyApiKey, type VerifiedKey } from "./api-keys/keys.ts";
import { asUnavailable } from "./errors.ts";
import { logger, type Logger } from "./logger.ts";
import type { OrderFeed } from "./orders/live.ts";
import { paymentsFromEnv } from "./payments/env.ts";
import type { PaymentProvider } from "./payments/provider.ts";
import { passThroughReadCache, type ReadCache } from "./read-cache.ts";
import { readWebhooksEnv } from "./webhooks/env.ts";
import type { SecretBox } from "./webhooks/secret-box.ts";

/** Who is calling: a live session from the database, or null for an anonymous caller. */
export type Session = ActiveSession | null;

export interface Context {
  db: Db;
  session: Session;
  /** The REST API's caller (rest/v1): a live key and its scopes; always null on tRPC. */
  apiKey: VerifiedKey | null;
  requestId: string;
  log: Logger;
  ip: string | null;
  userAgent: string | null;
  sessionPolicy: SessionPolicy;
  rateLimiter: RateLimiter;
  /** The shop's public origin: links in mail are built from it, never from the Host header. */
  appUrl: string;
  /** What a sign-in here starts: a cookie session (web server actions) or a bearer token (apps). */
  sessionKind: SessionKind;
  /** Where shared public reads (the catalog) may be answered from; see read-cache.ts. */
  readCache: ReadCache;
  /** A guest's cart, from the signed cookie (web) or `X-Cart-Token` (apps). */
  guestCart: GuestCart;
  /** What values the server hands out are signed with (guest carts, guests' order links). */
  signingSecret: string;
  paymentProvider: PaymentProvider;
  /** Live order changes for subscriptions; without one, they re-read on a timer only. */
  orderFeed: OrderFeed | null;
  /** Where product pictures are stored (MEDIA_DIR). */
  mediaStorage: MediaStorage;
  /** Seals webhook endpoints' signing secrets at rest (WEBHOOK_SECRETS_KEY). */
  webhookSecrets: SecretBox;
}

export interface GuestCart {
  /** The cart id the caller proved they hold, or null. */
  id: string | null;
  /** Give the caller this cart: a cookie on the response where there is one; the token for apps. */
  remember(cartId: string): string;
  /** Drop the cookie (after the cart joined an account's). */
  forget(): void;
}

const CART_PURPOSE = "guest-cart";

// Read once per process, not per request: the settings, one rate limiter (in memory, or in
// Redis when REDIS_URL is set) and the media storage.
let processState:
  | {
      policy: SessionPolicy;
      cookieName: string;
      cart: ReturnType<typeof cartCookie>;
      secret: string;
      appUrl: string;
      proxyHops: number;
      rateLimiter: RateLimiter;
      mediaStorage: MediaStorage;
      webhookSecrets: SecretBox;
    }
  | undefined;

const bearerOf = (authorization: string) => /^Bearer ([^\s]+)$/.exec(authorization)?.[1];

/** The token the caller presents: `Authorization: Bearer <token>` (mobile) or the session cookie. */
function presentedToken(headers: Headers, cookie: string): string | null {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const token = bearerOf(authorization);
    // A malformed header is a client bug or a probe: say so, rather than treating it as anonymous.
    if (!token || !TOKEN_PATTERN.test(token)) {
      throw new TRPCError({
        code: "UNAUTHORIZED",
        message:
          token && looksLikeApiKey(token)
            ? "API keys are for the REST API (/api/v1)."
            : "The Authorization header must be `Bearer <token>`.",
      });
    }
    return token;
  }
  return readCookie(headers.get("cookie"), cookie);
}

/**
 * The REST caller's key: none sent is null (the procedure then asks for one); anything sent must
 * be a live key. Cookies are ignored, so a signed-in browser cannot be ridden cross-site.
 */
async function presentedApiKey(db: Db, headers: Headers): Promise<VerifiedKey | null> {
  const authorization = headers.get("authorization");
  if (authorization === null) return null;
  const key = bearerOf(authorization);
  if (!key || !looksLikeApiKey(key)) {
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: "The Authorization header must be `Bearer bzk_…`.",
    });
  }
  const verified = await verifyApiKey(db, key);
  if (!verified)
    throw new TRPCError({ code: "UNAUTHORIZED", message: "This API key is unknown or revoked." });
  return verified;
}

/** A well-formed `X-Request-Id` from a trusted proxy, so logs join up; otherwise a new id. */
export function requestIdOf(headers: Headers): string {
  const incoming = headers.get("x-request-id");
  return incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
}

/** Build the per-request context; the caller owns the database client (one per process). */
export async function createContext(options: {
  db: Db;
  headers: Headers;
  /** Tests pass their own; the app uses the process's. */
  rateLimiter?: RateLimiter;
  sessionKind?: SessionKind;
  readCache?: ReadCache;
  paymentProvider?: PaymentProvider;
  orderFeed?: OrderFeed;
  mediaStorage?: MediaStorage;
  /** The response's headers, where the route can set cookies (the fetch adapter passes them). */
  resHeaders?: Headers;
  /** Who may call: sessions (tRPC, the default) or API keys only (the REST API). */
  credentials?: "session" | "api-key";
}): Promise<Context> {
  const { headers } = options;
  const requestId = requestIdOf(headers);
  if (!processState) {
    const authEnv = readAuthEnv();
    processState = {
      policy: authEnv,
      cookieName: sessionCookie(authEnv).name,
      cart: cartCookie(authEnv),
      secret: signingSecret(authEnv.AUTH_SECRET),
      appUrl: authEnv.APP_URL,
      proxyHops: authEnv.TRUSTED_PROXY_HOPS,
      rateLimiter: rateLimiterFromEnv(authEnv),
      mediaStorage: mediaStorageFromEnv(),
      webhookSecrets: readWebhooksEnv().secrets,
    };
  }
  const { policy, cookieName, appUrl } = processState;
  const restCall = options.credentials === "api-key";
  const token = restCall ? null : presentedToken(headers, cookieName);
  let apiKey: VerifiedKey | null = null;
  let session: Session = null;
  try {
    apiKey = restCall ? await presentedApiKey(options.db, headers) : null;
    session = token ? await resolveSession(options.db, policy, token) : null;
  } catch (error) {
    // Who is calling is read from the database before any procedure runs: an outage here is a 503 too.
    throw asUnavailable(options.db, error) ?? error;
  }
  const { cart, secret } = processState;
  const presentedCart = headers.get("x-cart-token") ?? readCookie(headers.get("cookie"), cart.name);
  const guestCart: GuestCart = {
    id: verifySignedValue(secret, CART_PURPOSE, presentedCart),
    remember(cartId) {
      const signed = signValue(secret, CART_PURPOSE, cartId);
      options.resHeaders?.append("set-cookie", serializeCookie(cart.name, signed, cart.options));
      return signed;
    },
    forget() {
      options.resHeaders?.append(
        "set-cookie",
        serializeCookie(cart.name, "", { ...cart.options, maxAge: 0 }),
      );
    },
  };
  return {
    db: options.db,
    session,
    apiKey,
    guestCart,
    requestId,
    log: logger.child({ requestId }),
    ip: clientIp(headers.get("x-forwarded-for"), processState.proxyHops),
    userAgent: headers.get("user-agent")?.slice(0, 512) ?? null,
    sessionPolicy: policy,
    rateLimiter: options.rateLimiter ?? processState.rateLimiter,
    appUrl,
    sessionKind: options.sessionKind ?? "BEARER",
    readCache: options.readCache ?? passThroughReadCache,
    signingSecret: secret,
    paymentProvider: options.paymentProvider ?? paymentsFromEnv().provider(options.db),
    orderFeed: options.orderFeed ?? null,
    mediaStorage: options.mediaStorage ?? processState.mediaStorage,
    webhookSecrets: processState.webhookSecrets,
  };
}
