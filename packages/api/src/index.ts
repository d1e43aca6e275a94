import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "./root.ts";

export { appRouter, createCaller, type AppRouter } from "./root.ts";
export { createContext, type Context } from "./context.ts";
export { logger } from "./logger.ts";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export { fieldErrorsOf, retryAfterHeader } from "./errors.ts";
export { passThroughReadCache, type ReadCache } from "./read-cache.ts";
export { catalogTags, onCatalogChange, type CatalogChangeListener } from "./catalog/cache-tags.ts";
export { handlePaymentWebhook, SIGNATURE_HEADER } from "./payments/webhook.ts";
export { paymentsWebhookSecret, TEST_CARDS, TEST_PROVIDER } from "./payments/test-provider.ts";
