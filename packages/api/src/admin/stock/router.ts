import { adjustStockInput, stockMovementsInput } from "@bazaar/validators";

import { createTRPCRouter, staffProcedure } from "../../trpc.ts";
import * as stock from "./service.ts";

export const stockRouter = createTRPCRouter({
  /** Add or take stock with a reason; the ledger and the audit log record it. */
  adjust: staffProcedure
    .input(adjustStockInput)
    .mutation(({ ctx, input }) =>
      stock.adjustStock(ctx.db, ctx.session.user.id, input, { ip: ctx.ip, userAgent: ctx.userAgent }),
    ),
  /** One variant's ledger, newest first. */
  movements: staffProcedure
    .input(stockMovementsInput)
    .query(({ ctx, input }) => stock.listStockMovements(ctx.db, input)),
});
