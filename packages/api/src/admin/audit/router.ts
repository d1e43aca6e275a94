import { listAuditInput } from "@bazaar/validators";

import { createTRPCRouter, staffProcedure } from "../../trpc.ts";
import * as audit from "./service.ts";

export const auditRouter = createTRPCRouter({
  /** The log, newest first, filtered by action, actor, target and dates. */
  list: staffProcedure.input(listAuditInput).query(({ ctx, input }) => audit.listAudit(ctx.db, input)),
  /** The actions the log holds, for the action filter. */
  actions: staffProcedure.query(({ ctx }) => audit.auditActions(ctx.db)),
});
