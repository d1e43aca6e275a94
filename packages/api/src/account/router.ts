import { configuredProviders, newPasswordSchema, readAuthEnv } from "@bazaar/auth";
import {
  changePasswordInput,
  deleteAccountInput,
  emailOnlyInput,
  linkTokenInput,
  resetPasswordInput,
  sessionIdInput,
  signInInput,
  signInWithAppCodeInput,
  signUpInput,
  updateProfileInput,
} from "@bazaar/validators";
import { z } from "zod";

import { limitRequest } from "../rate-limit.ts";
import type { Context } from "../context.ts";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc.ts";
import { joinGuestCart } from "../cart/caller.ts";
import * as account from "./service.ts";

// The server also refuses common passwords (the list is too big to ship to browsers).
const signUpServerInput = signUpInput.extend({ password: newPasswordSchema });
const changePasswordServerInput = changePasswordInput.extend({ newPassword: newPasswordSchema });
const resetPasswordServerInput = resetPasswordInput.extend({ newPassword: newPasswordSchema });

const meta = (ctx: Context) => ({ ip: ctx.ip, userAgent: ctx.userAgent });
const deps = (ctx: Context) => ({ db: ctx.db, appUrl: ctx.appUrl });
const sessionDeps = (ctx: Context) => ({ ...deps(ctx), policy: ctx.sessionPolicy, kind: ctx.sessionKind });
const own = (ctx: { session: { id: string; user: { id: string } } }) => ({
  id: ctx.session.id,
  userId: ctx.session.user.id,
});

export const accountRouter = createTRPCRouter({
  /** Always "check your mail": a new address gets a verification link, a known one a reminder. */
  signUp: publicProcedure.input(signUpServerInput).mutation(async ({ ctx, input }) => {
    await limitRequest(ctx, "signUp", input.email);
    return account.signUp(deps(ctx), input, meta(ctx));
  }),
  verifyEmail: publicProcedure
    .input(linkTokenInput)
    .mutation(({ ctx, input }) => account.verifyEmail(ctx.db, input.token, meta(ctx))),
  /**
   * Returns the session token: apps keep it as a bearer token; the web app's server action puts
   * it in the session cookie.
   */
  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
    await limitRequest(ctx, "signIn", input.email);
    const result = await account.signInWithPassword(sessionDeps(ctx), input, meta(ctx));
    // The per-account count is of failures: a success starts it again.
    await ctx.rateLimiter.reset("signIn", { account: input.email });
    await joinGuestCart(ctx, result.user.id);
    return result;
  }),
  /**
   * The phone app's OAuth sign-in, last step: the one-time code from /api/app-auth/finish and
   * the PKCE verifier for a bearer session (decision 0025). Answers like `signIn`.
   */
  /** The OAuth / OpenID Connect providers the shop offers: the apps draw a button for each. */
  signInProviders: publicProcedure.query(() =>
    configuredProviders(readAuthEnv()).map(({ id, name }) => ({ id, name })),
  ),
  signInWithAppCode: publicProcedure.input(signInWithAppCodeInput).mutation(async ({ ctx, input }) => {
    // Counted with the other sign-ins from the address; there is no account to count by.
    await limitRequest(ctx, "signIn");
    const result = await account.signInWithAppCode(
      { db: ctx.db, policy: ctx.sessionPolicy },
      input,
      meta(ctx),
    );
    await joinGuestCart(ctx, result.user.id);
    return result;
  }),
  requestMagicLink: publicProcedure.input(emailOnlyInput).mutation(async ({ ctx, input }) => {
    await limitRequest(ctx, "magicLink", input.email);
    return account.requestMagicLink(deps(ctx), input.email, meta(ctx));
  }),
  signInWithMagicLink: publicProcedure.input(linkTokenInput).mutation(async ({ ctx, input }) => {
    const result = await account.signInWithMagicLink(sessionDeps(ctx), input.token, meta(ctx));
    await joinGuestCart(ctx, result.user.id);
    return result;
  }),
  requestPasswordReset: publicProcedure.input(emailOnlyInput).mutation(async ({ ctx, input }) => {
    await limitRequest(ctx, "passwordReset", input.email);
    return account.requestPasswordReset(deps(ctx), input.email, meta(ctx));
  }),
  resetPassword: publicProcedure
    .input(resetPasswordServerInput)
    .mutation(({ ctx, input }) => account.resetPassword(deps(ctx), input, meta(ctx))),
  signOut: protectedProcedure.mutation(({ ctx }) => account.signOut(ctx.db, own(ctx), meta(ctx))),
  me: protectedProcedure.query(({ ctx }) => account.getUser(ctx.db, ctx.session.user.id)),
  updateProfile: protectedProcedure
    .input(updateProfileInput)
    .mutation(({ ctx, input }) => account.updateProfile(ctx.db, ctx.session.user.id, input, meta(ctx))),
  changePassword: protectedProcedure
    .input(changePasswordServerInput)
    .mutation(({ ctx, input }) => account.changePassword(deps(ctx), own(ctx), input, meta(ctx))),
  sessions: protectedProcedure.query(({ ctx }) => account.mySessions(ctx.db, own(ctx))),
  revokeSession: protectedProcedure
    .input(sessionIdInput)
    .mutation(({ ctx, input }) => account.revokeMySession(ctx.db, own(ctx), input.sessionId, meta(ctx))),
  revokeAllSessions: protectedProcedure
    .input(z.object({ keepCurrent: z.boolean().default(true) }))
    .mutation(({ ctx, input }) =>
      account.revokeAllMySessions(ctx.db, own(ctx), input.keepCurrent, meta(ctx)),
    ),
  /** A mutation, not a query: it is recorded in the audit log, and must not be prefetched or cached. */
  exportData: protectedProcedure.mutation(({ ctx }) =>
    account.exportMyData(ctx.db, ctx.session.user.id, meta(ctx)),
  ),
  deleteAccount: protectedProcedure
    .input(deleteAccountInput)
    .mutation(({ ctx, input }) => account.deleteMyAccount(ctx.db, ctx.session.user.id, input)),
});
