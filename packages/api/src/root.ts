import { accountRouter } from "./account/router.ts";
import { adminRouter } from "./admin/router.ts";
import { cartRouter } from "./cart/router.ts";
import { catalogRouter } from "./catalog/router.ts";
import { checkoutRouter } from "./checkout/router.ts";
import { ordersRouter } from "./orders/router.ts";
import { paymentsRouter } from "./payments/router.ts";
import { createCallerFactory, createTRPCRouter } from "./trpc.ts";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  admin: adminRouter,
  cart: cartRouter,
  catalog: catalogRouter,
  checkout: checkoutRouter,
  orders: ordersRouter,
  payments: paymentsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
