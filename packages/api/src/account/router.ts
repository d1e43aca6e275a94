import { newPasswordSchema, RateLimitedError, type RateLimitedAction } from "@bazaar/auth";
import { changePasswordInput, sessionIdInput, signInInput, signUpInput } from "@bazaar/validators";
import { z } from "zod";

import { TooManyRequestsError } from "../errors.ts";
import type { Context } from "../context.ts";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc.ts";
import * as account from "./service.ts";

// The server also refuses common passwords (the list is too big to ship to browsers).
const signUpServerInput = signUpInput.extend({ password: newPasswordSchema });
const changePasswordServerInput = changePasswordInput.extend({ newPassword: newPasswordSchema });

const meta = (ctx: { ip: string | null; userAgent: string | null }) => ({
  ip: ctx.ip,
  userAgent: ctx.userAgent,
});
const own = (ctx: { session: { id: string; user: { id: string } } }) => ({
  id: ctx.session.id,
  userId: ctx.session.user.id,
});

/** Count the attempt per IP and per account; too many is a 429 saying how long to wait. */
async function limit(ctx: Context, action: RateLimitedAction, account: string) {
  try {
    await ctx.rateLimiter.check(action, { ip: ctx.ip ?? "unknown", account });
  } catch (error) {
    if (error instanceof RateLimitedError)
      throw new TooManyRequestsError(error.message, error.retryAfterSeconds);
    throw error;
  }
}

export const accountRouter = createTRPCRouter({
  signUp: publicProcedure.input(signUpServerInput).mutation(async ({ ctx, input }) => {
    await limit(ctx, "signUp", input.email);
    return account.signUp(ctx.db, input, meta(ctx));
  }),
  /** For clients that keep a bearer token (the mobile app); the web app signs in through next-auth. */
  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
    await limit(ctx, "signIn", input.email);
    const result = await account.signInWithPassword(ctx.db, ctx.sessionPolicy, input, meta(ctx));
    // The per-account count is of failures: a success starts it again.
    await ctx.rateLimiter.reset("signIn", { account: input.email });
    return result;
  }),
  signOut: protectedProcedure.mutation(({ ctx }) => account.signOut(ctx.db, own(ctx), meta(ctx))),
  me: protectedProcedure.query(({ ctx }) => account.getUser(ctx.db, ctx.session.user.id)),
  changePassword: protectedProcedure
    .input(changePasswordServerInput)
    .mutation(({ ctx, input }) => account.changePassword(ctx.db, own(ctx), input, meta(ctx))),
  sessions: protectedProcedure.query(({ ctx }) => account.mySessions(ctx.db, own(ctx))),
  revokeSession: protectedProcedure
    .input(sessionIdInput)
    .mutation(({ ctx, input }) => account.revokeMySession(ctx.db, own(ctx), input.sessionId, meta(ctx))),
  revokeAllSessions: protectedProcedure
    .input(z.object({ keepCurrent: z.boolean().default(true) }))
    .mutation(({ ctx, input }) =>
      account.revokeAllMySessions(ctx.db, own(ctx), input.keepCurrent, meta(ctx)),
    ),
});
