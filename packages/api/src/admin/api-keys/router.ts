import { apiKeyIdInput, createApiKeyInput, listApiKeysInput } from "@bazaar/validators";

import type { Context } from "../../context.ts";
import { adminProcedure, createTRPCRouter } from "../../trpc.ts";
import * as apiKeys from "./service.ts";

const meta = (ctx: Context) => ({ ip: ctx.ip, userAgent: ctx.userAgent });

// Keys reach past the console to the shop's data, so only admins hold them.
export const apiKeysRouter = createTRPCRouter({
  list: adminProcedure.input(listApiKeysInput).query(({ ctx, input }) => apiKeys.listApiKeys(ctx.db, input)),
  /** Answers with the key itself, this once. */
  create: adminProcedure
    .input(createApiKeyInput)
    .mutation(({ ctx, input }) => apiKeys.createApiKey(ctx.db, ctx.session.user.id, input, meta(ctx))),
  revoke: adminProcedure
    .input(apiKeyIdInput)
    .mutation(({ ctx, input }) =>
      apiKeys.revokeApiKey(ctx.db, ctx.session.user.id, input.apiKeyId, meta(ctx)),
    ),
});
