import { createTRPCRouter, staffProcedure } from "../../trpc.ts";
import { dashboardSummary } from "./service.ts";

export const dashboardRouter = createTRPCRouter({
  /** Orders and revenue for today, 7 and 30 UTC days, a daily series, what needs action, low stock. */
  summary: staffProcedure.query(({ ctx }) => dashboardSummary(ctx.db)),
});
