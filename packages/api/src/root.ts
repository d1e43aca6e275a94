import { accountRouter } from "./account/router.ts";
import { catalogRouter } from "./catalog/router.ts";
import { createCallerFactory, createTRPCRouter } from "./trpc.ts";
import { usersRouter } from "./users/router.ts";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  catalog: catalogRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
