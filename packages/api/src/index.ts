import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "./root.ts";

export { appRouter, createCaller, type AppRouter } from "./root.ts";
export { createContext, type Context } from "./context.ts";
export { joinGuestCart } from "./cart/caller.ts";
export { logger } from "./logger.ts";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export { asUnavailable, fieldErrorsOf } from "./errors.ts";
export { handleTrpcRequest } from "./trpc-handler.ts";
export type { ReadCache } from "./read-cache.ts";
export { catalogTags, onCatalogChange, type CatalogChangeListener } from "./catalog/cache-tags.ts";
export { handlePaymentWebhook } from "./payments/webhook.ts";
export { paymentsFromEnv } from "./payments/env.ts";
export { answerTestChallenge, readTestPayment, submitTestCard } from "./payments/test-provider.ts";
export { createOrderFeed, type OrderFeed } from "./orders/live.ts";
export { startWorker, workerDepsFromEnv } from "./jobs/worker.ts";
export { readJobsEnv } from "./jobs/env.ts";
export { exportOrdersCsv } from "./admin/orders/export.ts";
export { handleRestRequest } from "./rest/handler.ts";
export { readRestEnv } from "./rest/env.ts";
export { readWebhooksEnv } from "./webhooks/env.ts";
export { verifyWebhook, WebhookSignatureError, SIGNATURE_HEADER } from "./webhooks/signature.ts";
export { restV1Document, REST_V1_BASE_PATH } from "./rest/v1/document.ts";
export { restV1Router, type RestV1Router } from "./rest/v1/router.ts";
