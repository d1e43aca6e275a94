import { getCustomerInput, listCustomersInput, setRoleInput } from "@bazaar/validators";

import { adminProcedure, createTRPCRouter, staffProcedure } from "../../trpc.ts";
import * as customers from "./service.ts";

export const customersRouter = createTRPCRouter({
  /** People with accounts, newest first, with their order count and money spent. */
  list: staffProcedure
    .input(listCustomersInput)
    .query(({ ctx, input }) => customers.listCustomers(ctx.db, input)),
  /** One person's profile and a page of their orders. */
  get: staffProcedure.input(getCustomerInput).query(({ ctx, input }) => customers.getCustomer(ctx.db, input)),
  /** Admins only: staff cannot give anyone (themselves included) a role. */
  setRole: adminProcedure
    .input(setRoleInput)
    .mutation(({ ctx, input }) =>
      customers.setRole(ctx.db, ctx.session.user.id, input, { ip: ctx.ip, userAgent: ctx.userAgent }),
    ),
});
