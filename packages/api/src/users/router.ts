import { listUsersInput, setRoleInput } from "@bazaar/validators";

import { adminProcedure, createTRPCRouter } from "../trpc.ts";
import * as users from "./service.ts";

export const usersRouter = createTRPCRouter({
  list: adminProcedure.input(listUsersInput).query(({ ctx, input }) => users.listUsers(ctx.db, input)),
  setRole: adminProcedure
    .input(setRoleInput)
    .mutation(({ ctx, input }) =>
      users.setRole(ctx.db, ctx.session.user.id, input, { ip: ctx.ip, userAgent: ctx.userAgent }),
    ),
});
