import {
  createWebhookEndpointInput,
  listWebhookDeliveriesInput,
  listWebhookEndpointsInput,
  rotateWebhookSecretInput,
  updateWebhookEndpointInput,
  webhookDeliveryIdInput,
  webhookEndpointIdInput,
} from "@bazaar/validators";

import type { Context } from "../../context.ts";
import { adminProcedure, createTRPCRouter } from "../../trpc.ts";
import * as webhooks from "./service.ts";

const meta = (ctx: Context) => ({ ip: ctx.ip, userAgent: ctx.userAgent });

// Endpoints receive the shop's orders and customers' emails, so only admins manage them.
export const webhooksRouter = createTRPCRouter({
  list: adminProcedure
    .input(listWebhookEndpointsInput)
    .query(({ ctx, input }) => webhooks.listEndpoints(ctx.db, input)),
  get: adminProcedure
    .input(webhookEndpointIdInput)
    .query(({ ctx, input }) => webhooks.getEndpoint(ctx.db, input.endpointId)),
  /** Answers with the signing secret, this once. */
  create: adminProcedure
    .input(createWebhookEndpointInput)
    .mutation(({ ctx, input }) =>
      webhooks.createEndpoint(ctx.db, ctx.webhookSecrets, ctx.session.user.id, input, meta(ctx)),
    ),
  update: adminProcedure
    .input(updateWebhookEndpointInput)
    .mutation(({ ctx, input }) => webhooks.updateEndpoint(ctx.db, ctx.session.user.id, input, meta(ctx))),
  /** A new signing secret, answered this once; the old one signs too for the grace period. */
  rotateSecret: adminProcedure
    .input(rotateWebhookSecretInput)
    .mutation(({ ctx, input }) =>
      webhooks.rotateSecret(ctx.db, ctx.webhookSecrets, ctx.session.user.id, input, meta(ctx)),
    ),
  delete: adminProcedure
    .input(webhookEndpointIdInput)
    .mutation(({ ctx, input }) =>
      webhooks.deleteEndpoint(ctx.db, ctx.session.user.id, input.endpointId, meta(ctx)),
    ),
  deliveries: adminProcedure
    .input(listWebhookDeliveriesInput)
    .query(({ ctx, input }) => webhooks.listDeliveries(ctx.db, input)),
  delivery: adminProcedure
    .input(webhookDeliveryIdInput)
    .query(({ ctx, input }) => webhooks.getDelivery(ctx.db, input.deliveryId)),
  /** Send a delivery's event again, as a new delivery. */
  replay: adminProcedure
    .input(webhookDeliveryIdInput)
    .mutation(({ ctx, input }) =>
      webhooks.replayDelivery(ctx.db, ctx.session.user.id, input.deliveryId, meta(ctx)),
    ),
});
