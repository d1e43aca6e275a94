// The admin console's procedures, one router per area. Every procedure here is built from
// staffProcedure or adminProcedure (trpc.ts), and test/admin-access-matrix.test.ts checks each one
// for every kind of caller: a procedure missing from its table fails the run.
import { createTRPCRouter } from "../trpc.ts";
import { apiKeysRouter } from "./api-keys/router.ts";
import { auditRouter } from "./audit/router.ts";
import { categoriesRouter } from "./categories/router.ts";
import { customersRouter } from "./customers/router.ts";
import { dashboardRouter } from "./dashboard/router.ts";
import { adminOrdersRouter } from "./orders/router.ts";
import { adminProductsRouter } from "./products/router.ts";
import { stockRouter } from "./stock/router.ts";
import { webhooksRouter } from "./webhooks/router.ts";

export const adminRouter = createTRPCRouter({
  dashboard: dashboardRouter,
  products: adminProductsRouter,
  categories: categoriesRouter,
  stock: stockRouter,
  orders: adminOrdersRouter,
  customers: customersRouter,
  audit: auditRouter,
  apiKeys: apiKeysRouter,
  webhooks: webhooksRouter,
});
