import { createRateLimiter, hashPassword, readAuthEnv } from "@bazaar/auth";
import { createTestDatabase } from "@bazaar/db/testing";
import { createSmtpMailer } from "@bazaar/mail";
import { startSmtpCatcher } from "@bazaar/mail/testing";
import { Logger, runOnce } from "graphile-worker";
import { afterAll, describe, expect, it } from "vitest";

import { callHttp } from "../../test/http.ts";
import { mailTasks } from "../jobs/worker.ts";
import { logger } from "../logger.ts";

const { db, url } = await createTestDatabase();
// Account mail is queued (account/mail.ts) and goes out through a real SMTP server on loopback;
// the tests run the queued mail jobs as the worker would, then read what arrived.
const smtp = await startSmtpCatcher();
const mailer = createSmtpMailer(smtp.url, "Bazaar <shop@bazaar.test>");
afterAll(async () => {
  mailer.close();
  await smtp.close();
});
const quiet = new Logger(() => () => undefined);
const deliverQueuedMail = () =>
  runOnce({
    connectionString: url,
    taskList: mailTasks({ db, mailer, appUrl: readAuthEnv().APP_URL, log: logger }),
    logger: quiet,
  });

const call = (procedure: string, options: Parameters<typeof callHttp>[2] = {}) =>
  callHttp(db, procedure, options);
const mutate = (procedure: string, input?: unknown, token?: string) =>
  call(procedure, { mutation: true, input, token });
const signUp = (input: unknown) => mutate("account.signUp", input);
const signIn = (input: unknown, headers?: Record<string, string>) =>
  call("account.signIn", { mutation: true, input, headers });

/** What has arrived for an address, once the queued mail has gone. */
async function mailTo(address: string) {
  await deliverQueuedMail();
  return smtp.messages.filter((m) => m.to.includes(address));
}
/** The newest mail to an address. */
async function lastMailTo(address: string) {
  const mail = (await mailTo(address)).at(-1);
  if (!mail) throw new Error(`no mail to ${address}`);
  return mail;
}
const mailCount = async (address: string) => (await mailTo(address)).length;
/** The one-time token in a mailed link to `path`. */
async function linkToken(address: string, path: string): Promise<string> {
  const match = new RegExp(`${path}\\?token=([A-Za-z0-9_-]{43})`).exec((await lastMailTo(address)).text);
  if (!match?.[1]) throw new Error(`no ${path} link in the last mail to ${address}`);
  return match[1];
}

describe("sign-up and email verification", () => {
  it("creates an unconfirmed customer with an Argon2id hash, mails a link, and audits it", async () => {
    const { status, data } = await signUp({
      email: "  Ada@Example.COM ",
      password: "tangerine-octopus-91",
      name: "Ada",
    });
    expect(status).toBe(200);
    expect(data).toEqual({ status: "check-your-mail" });
    const user = await db.user.findUniqueOrThrow({ where: { email: "ada@example.com" } });
    expect(user).toMatchObject({ name: "Ada", role: "CUSTOMER", emailVerified: null });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await lastMailTo("ada@example.com")).subject).toBe("Confirm your email for Bazaar");
    expect((await lastMailTo("ada@example.com")).text).toContain("http://localhost:3000/verify-email?token=");
    expect(await db.auditLog.count({ where: { action: "sign_up", actorId: user.id } })).toBe(1);
  });

  it("refuses a password sign-in until the address is confirmed, and mails a fresh link", async () => {
    const before = await mailCount("ada@example.com");
    const { status, error } = await signIn({ email: "ada@example.com", password: "tangerine-octopus-91" });
    expect(status).toBe(403);
    expect(error?.data.fieldErrors?.email?.[0]).toMatch(/^is not confirmed yet/);
    expect(await mailCount("ada@example.com")).toBe(before + 1);
    // A wrong password learns nothing about confirmation.
    expect((await signIn({ email: "ada@example.com", password: "wrong-password" })).status).toBe(401);
  });

  it("confirms the address with the newest link, once", async () => {
    const token = await linkToken("ada@example.com", "/verify-email");
    const verified = await mutate("account.verifyEmail", { token });
    expect(verified.status).toBe(200);
    expect(verified.data).toEqual({ email: "ada@example.com" });
    const again = await mutate("account.verifyEmail", { token });
    expect(again.status).toBe(400);
    expect(again.error?.data.fieldErrors?.token?.[0]).toMatch(/expired or was already used/);
    expect((await signIn({ email: "ada@example.com", password: "tangerine-octopus-91" })).status).toBe(200);
  });

  it("answers a sign-up for a known address exactly like a new one, and tells the owner by mail", async () => {
    const before = await db.user.count();
    const { status, data } = await signUp({ email: "ADA@example.com", password: "another-fine-secret" });
    expect(status).toBe(200);
    expect(data).toEqual({ status: "check-your-mail" });
    expect(await db.user.count()).toBe(before);
    expect((await lastMailTo("ada@example.com")).subject).toBe("You already have a Bazaar account");
    // The original password still works: nothing about the account changed.
    expect((await signIn({ email: "ada@example.com", password: "tangerine-octopus-91" })).status).toBe(200);
  });

  it.each([
    [
      "a short password",
      { email: "b@example.com", password: "short" },
      "password",
      "must be at least 8 characters",
    ],
    [
      "a common password",
      { email: "b@example.com", password: "password123" },
      "password",
      "is one of the most common passwords; choose one that is harder to guess",
    ],
    [
      "a long password",
      { email: "b@example.com", password: "x".repeat(129) },
      "password",
      "must be at most 128 characters",
    ],
    [
      "a bad email",
      { email: "not-an-email", password: "tangerine-octopus-91" },
      "email",
      "must be an email address",
    ],
  ])("refuses %s with a 400 on the field, creating nothing", async (_, input, field, message) => {
    const before = await db.user.count();
    const { status, error } = await signUp(input);
    expect(status).toBe(400);
    expect(error?.data.fieldErrors).toEqual({ [field]: [message] });
    expect(await db.user.count()).toBe(before);
  });

  it.each([
    ["a malformed token", { token: "abc" }],
    ["an unknown token", { token: "A".repeat(43) }],
  ])("refuses %s with a 400 on the token", async (_, input) => {
    const { status, error } = await mutate("account.verifyEmail", input);
    expect(status).toBe(400);
    expect(error?.data.fieldErrors).toHaveProperty("token");
  });
});

describe("sign-in with a password (bearer sessions)", () => {
  it("returns a bearer token that authenticates later calls, and records the session's device", async () => {
    const { status, data } = await signIn(
      { email: "ada@example.com", password: "tangerine-octopus-91" },
      {
        "user-agent": "BazaarMobile/1.0",
        "x-forwarded-for": "198.18.0.66, 203.0.113.9",
      },
    );
    expect(status).toBe(200);
    const { token } = data as { token: string };
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = await call("account.me", { token });
    expect(me.data).toMatchObject({ email: "ada@example.com", hasPassword: true });
    const sessions = await call("account.sessions", { token });
    expect((sessions.data as { current: boolean }[]).filter((s) => s.current)).toEqual([
      expect.objectContaining({
        kind: "BEARER",
        userAgent: "BazaarMobile/1.0",
        ip: "203.0.113.9",
        current: true,
      }),
    ]);
  });

  it("gives the same 401 for a wrong password and an unknown email, and audits the failure", async () => {
    const failuresBefore = await db.auditLog.count({ where: { action: "sign_in_failed" } });
    const wrong = await signIn({ email: "ada@example.com", password: "not-the-password" });
    const unknown = await signIn({ email: "nobody@example.com", password: "not-the-password" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.error?.message).toBe(unknown.error?.message);
    expect(await db.auditLog.count({ where: { action: "sign_in_failed" } })).toBe(failuresBefore + 2);
  });

  it("refuses a token after sign-out", async () => {
    const { data } = await signIn({ email: "ada@example.com", password: "tangerine-octopus-91" });
    const { token } = data as { token: string };
    expect((await call("account.signOut", { mutation: true, token })).status).toBe(200);
    expect((await call("account.me", { token })).status).toBe(401);
  });

  it.each([
    ["a scheme other than Bearer", "Basic YWRhOnNlY3JldA=="],
    ["an empty token", "Bearer "],
    ["a token of the wrong shape", "Bearer abc.def"],
    ["SQL in the token", "Bearer ' or 1=1 --"],
  ])("answers 401, not 500, to %s", async (_, authorization) => {
    const { status, error } = await call("catalog.categories", { headers: { authorization } });
    expect(status).toBe(401);
    expect(error?.message).toBe("The Authorization header must be `Bearer <token>`.");
  });

  it("treats a well-formed but unknown token as signed out", async () => {
    expect((await call("account.me", { token: "A".repeat(43) })).status).toBe(401);
    expect((await call("catalog.categories", { token: "A".repeat(43) })).status).toBe(200);
  });
});

describe("changing the password", () => {
  it("needs the current password, ends every other session, keeps this one", async () => {
    const login = async () =>
      (
        (await signIn({ email: "ada@example.com", password: "tangerine-octopus-91" })).data as {
          token: string;
        }
      ).token;
    const here = await login();
    const elsewhere = await login();

    const wrong = await call("account.changePassword", {
      mutation: true,
      token: here,
      input: { currentPassword: "nope-nope-nope", newPassword: "marmalade-sky-2026" },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.error?.data.fieldErrors).toEqual({ currentPassword: ["is not your current password"] });

    const changed = await call("account.changePassword", {
      mutation: true,
      token: here,
      input: { currentPassword: "tangerine-octopus-91", newPassword: "marmalade-sky-2026" },
    });
    expect(changed.status).toBe(200);
    expect((await call("account.me", { token: elsewhere })).status).toBe(401);
    expect((await call("account.me", { token: here })).status).toBe(200);
    expect((await signIn({ email: "ada@example.com", password: "tangerine-octopus-91" })).status).toBe(401);
    expect((await signIn({ email: "ada@example.com", password: "marmalade-sky-2026" })).status).toBe(200);
    expect(await db.auditLog.count({ where: { action: "password_changed" } })).toBe(1);
    expect((await lastMailTo("ada@example.com")).subject).toBe("Your Bazaar password was changed");
  });
});

describe("rate limits on sign-in and sign-up", () => {
  it("answers 429 with Retry-After once an account has too many failed sign-ins, and a success resets it", async () => {
    const limiter = createRateLimiter({
      keyPrefix: `test-${Date.now()}`,
      policies: {
        signIn: { ip: { points: 100, durationSeconds: 60 }, account: { points: 3, durationSeconds: 60 } },
      },
    });
    const attempt = (password: string) =>
      call("account.signIn", {
        mutation: true,
        rateLimiter: limiter,
        input: { email: "ada@example.com", password },
      });
    expect((await attempt("wrong-1")).status).toBe(401);
    expect((await attempt("marmalade-sky-2026")).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await attempt(`wrong-${i}`)).status).toBe(401);
    const refused = await attempt("marmalade-sky-2026");
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get("retry-after"));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(refused.error?.message).toMatch(/^Too many attempts\. Try again in \d+ seconds?\.$/);
  });

  it("limits sign-ups per IP", async () => {
    const limiter = createRateLimiter({
      keyPrefix: `test-signup-${Date.now()}`,
      policies: {
        signUp: { ip: { points: 2, durationSeconds: 60 }, account: { points: 5, durationSeconds: 60 } },
      },
    });
    const attempt = (n: number) =>
      call("account.signUp", {
        mutation: true,
        rateLimiter: limiter,
        headers: { "x-forwarded-for": "198.51.100.7" },
        input: { email: `rl-${n}@example.com`, password: "tangerine-octopus-91" },
      });
    expect((await attempt(1)).status).toBe(200);
    expect((await attempt(2)).status).toBe(200);
    expect((await attempt(3)).status).toBe(429);
    expect(await db.user.count({ where: { email: "rl-3@example.com" } })).toBe(0);
  });
});

/** A confirmed customer with a password, straight into the database. */
async function customer(email: string, password = "tangerine-octopus-91") {
  return db.user.create({
    data: { email, passwordHash: await hashPassword(password), emailVerified: new Date() },
  });
}

describe("magic links", () => {
  it("mails a one-time sign-in link that starts a session", async () => {
    await customer("link@example.com");
    const asked = await mutate("account.requestMagicLink", { email: "Link@Example.com" });
    expect(asked.data).toEqual({ status: "check-your-mail" });
    const token = await linkToken("link@example.com", "/magic-link");
    const used = await mutate("account.signInWithMagicLink", { token });
    expect(used.status).toBe(200);
    const bearer = (used.data as { token: string }).token;
    expect((await call("account.me", { token: bearer })).data).toMatchObject({
      email: "link@example.com",
      hasPassword: true,
    });
    expect((await mutate("account.signInWithMagicLink", { token })).status).toBe(400);
  });

  it("answers an unknown address the same way and mails nothing", async () => {
    const asked = await mutate("account.requestMagicLink", { email: "ghost@example.com" });
    expect(asked.status).toBe(200);
    expect(asked.data).toEqual({ status: "check-your-mail" });
    expect(await mailCount("ghost@example.com")).toBe(0);
  });

  it("confirms an unconfirmed address and drops the password set before it was proven", async () => {
    await signUp({ email: "squat@example.com", password: "squatters-password-1" });
    await mutate("account.requestMagicLink", { email: "squat@example.com" });
    expect(
      (
        await mutate("account.signInWithMagicLink", {
          token: await linkToken("squat@example.com", "/magic-link"),
        })
      ).status,
    ).toBe(200);
    const user = await db.user.findUniqueOrThrow({ where: { email: "squat@example.com" } });
    expect(user.emailVerified).not.toBeNull();
    expect(user.passwordHash).toBeNull();
    expect((await signIn({ email: "squat@example.com", password: "squatters-password-1" })).status).toBe(401);
  });
});

describe("password reset", () => {
  it("sets a new password from the mailed link, ends every session, and says so by mail", async () => {
    await customer("reset@example.com", "old-password-for-reset");
    const session = (await signIn({ email: "reset@example.com", password: "old-password-for-reset" }))
      .data as { token: string };
    expect((await mutate("account.requestPasswordReset", { email: "reset@example.com" })).data).toEqual({
      status: "check-your-mail",
    });
    const token = await linkToken("reset@example.com", "/reset-password");

    const weak = await mutate("account.resetPassword", { token, newPassword: "password1" });
    expect(weak.status).toBe(400);
    expect(weak.error?.data.fieldErrors).toHaveProperty("newPassword");

    const done = await mutate("account.resetPassword", { token, newPassword: "new-password-after-reset" });
    expect(done.status).toBe(200);
    expect((await call("account.me", { token: session.token })).status).toBe(401);
    expect((await signIn({ email: "reset@example.com", password: "old-password-for-reset" })).status).toBe(
      401,
    );
    expect((await signIn({ email: "reset@example.com", password: "new-password-after-reset" })).status).toBe(
      200,
    );
    expect((await lastMailTo("reset@example.com")).subject).toBe("Your Bazaar password was changed");
    const reused = await mutate("account.resetPassword", { token, newPassword: "third-password-attempt" });
    expect(reused.status).toBe(400);
    expect(reused.error?.data.fieldErrors?.token?.[0]).toMatch(/expired or was already used/);
  });

  it("answers an unknown address the same way and mails nothing", async () => {
    const asked = await mutate("account.requestPasswordReset", { email: "nobody-here@example.com" });
    expect(asked.data).toEqual({ status: "check-your-mail" });
    expect(await mailCount("nobody-here@example.com")).toBe(0);
  });

  it("on an unconfirmed account, drops sign-ins linked before the mailbox was proven", async () => {
    // As if someone had signed in with a provider that did not vouch for this address.
    const squatted = await db.user.create({
      data: {
        email: "owner@example.com",
        accounts: { create: { type: "oauth", provider: "github", providerAccountId: "squatter-1" } },
        sessions: {
          create: { sessionToken: "squatter-session-hash", expires: new Date(Date.now() + 3_600_000) },
        },
      },
    });
    await mutate("account.requestPasswordReset", { email: "owner@example.com" });
    const token = await linkToken("owner@example.com", "/reset-password");
    expect(
      (await mutate("account.resetPassword", { token, newPassword: "the-real-owner-is-here" })).status,
    ).toBe(200);
    expect(await db.account.count({ where: { userId: squatted.id } })).toBe(0);
    expect(await db.session.count({ where: { userId: squatted.id } })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: squatted.id } })).emailVerified).not.toBeNull();
  });

  it("only the newest link works", async () => {
    await customer("twice@example.com");
    await mutate("account.requestPasswordReset", { email: "twice@example.com" });
    const first = await linkToken("twice@example.com", "/reset-password");
    await mutate("account.requestPasswordReset", { email: "twice@example.com" });
    expect(await linkToken("twice@example.com", "/reset-password")).not.toBe(first);
    expect(
      (await mutate("account.resetPassword", { token: first, newPassword: "another-long-password" })).status,
    ).toBe(400);
  });
});

describe("with the mail server down", () => {
  it("answers mail requests as usual, known address or not: the mail waits in the queue", async () => {
    await customer("patient@example.com");
    const rateLimiter = createRateLimiter({ keyPrefix: `test-smtp-down-${Date.now()}` });
    // The requests never talk to SMTP: whether it is up or down, they answer the same.
    const ask = (procedure: string, email: string) =>
      call(procedure, { mutation: true, rateLimiter, input: { email } });
    for (const procedure of ["account.requestPasswordReset", "account.requestMagicLink"]) {
      const known = await ask(procedure, "patient@example.com");
      const unknown = await ask(procedure, "nobody-patient@example.com");
      expect([known.status, unknown.status]).toEqual([200, 200]);
      expect(known.data).toEqual(unknown.data);
    }
    const signedUp = await call("account.signUp", {
      mutation: true,
      rateLimiter,
      input: { email: "new-patient@example.com", password: "tangerine-octopus-91" },
    });
    expect(signedUp.status).toBe(200);
    const queued = await db.$queryRaw<{ count: number }[]>`
        SELECT count(*)::int AS count FROM graphile_worker.jobs WHERE task_identifier = 'send-account-link'`;
    expect(queued[0]?.count).toBe(3);
    // The worker sends them once SMTP takes mail (jobs.test.ts shows the retries).
    expect(await mailCount("patient@example.com")).toBe(2);
    expect(await mailCount("new-patient@example.com")).toBe(1);
  });
});

describe("profile and privacy", () => {
  it("updates the name, and refuses a blank one", async () => {
    await customer("profile@example.com");
    const { token } = (await signIn({ email: "profile@example.com", password: "tangerine-octopus-91" }))
      .data as { token: string };
    expect((await mutate("account.updateProfile", { name: "  Pat  " }, token)).data).toMatchObject({
      name: "Pat",
    });
    const blank = await mutate("account.updateProfile", { name: "   " }, token);
    expect(blank.status).toBe(400);
    expect(blank.error?.data.fieldErrors).toEqual({ name: ["is required"] });
  });

  it("exports the caller's data without any secret", async () => {
    const exporter = await customer("export@example.com");
    const other = await customer("not-me@example.com");
    for (const [owner, total] of [
      [exporter, 1500],
      [other, 9900],
    ] as const) {
      await db.order.create({
        data: {
          userId: owner.id,
          email: owner.email,
          currency: "USD",
          subtotalAmount: total,
          totalAmount: total,
          idempotencyScope: `user:${owner.id}`,
          idempotencyKey: "k",
          requestHash: "h",
          shipName: `Addressee ${total}`,
          shipLine1: "1 Export Lane",
          shipCity: "Leeds",
          shipPostalCode: "LS1 1AA",
          shipCountry: "GB",
        },
      });
    }
    const { token } = (await signIn({ email: "export@example.com", password: "tangerine-octopus-91" }))
      .data as { token: string };
    const { status, data } = await mutate("account.exportData", undefined, token);
    expect(status).toBe(200);
    const json = JSON.stringify(data);
    expect(data).toMatchObject({ profile: { email: "export@example.com", hasPassword: true } });
    expect((data as { sessions: unknown[] }).sessions).toHaveLength(1);
    // Their orders, and nobody else's.
    expect((data as { orders: { totalAmount: number }[] }).orders.map((o) => o.totalAmount)).toEqual([1500]);
    // With where they went: the address is personal data too.
    expect(data).toMatchObject({
      orders: [{ shipName: "Addressee 1500", shipLine1: "1 Export Lane", shipCountry: "GB" }],
    });
    expect(json).not.toContain("Addressee 9900");
    expect((data as { activity: { action: string }[] }).activity.map((a) => a.action)).toContain("sign_in");
    expect(json).not.toContain("argon2");
    expect(json).not.toContain(token);
    const session = await db.session.findFirstOrThrow({ where: { user: { email: "export@example.com" } } });
    expect(json).not.toContain(session.sessionToken);
  });

  it("deletes an account: sessions and personal data go, the row stays anonymised", async () => {
    const user = await customer("leaving@example.com");
    const kept = await db.order.create({
      data: {
        userId: user.id,
        email: "leaving@example.com",
        currency: "USD",
        subtotalAmount: 4200,
        totalAmount: 4200,
        idempotencyScope: `user:${user.id}`,
        idempotencyKey: "k1",
        requestHash: "h",
      },
    });
    const { token } = (
      await signIn(
        { email: "leaving@example.com", password: "tangerine-octopus-91" },
        { "x-forwarded-for": "203.0.113.50", "user-agent": "LeavingBrowser" },
      )
    ).data as { token: string };

    const wrongEmail = await mutate(
      "account.deleteAccount",
      { confirmEmail: "other@example.com", password: "tangerine-octopus-91" },
      token,
    );
    expect(wrongEmail.status).toBe(400);
    expect(wrongEmail.error?.data.fieldErrors).toHaveProperty("confirmEmail");
    const wrongPassword = await mutate(
      "account.deleteAccount",
      { confirmEmail: "leaving@example.com", password: "nope" },
      token,
    );
    expect(wrongPassword.error?.data.fieldErrors).toHaveProperty("password");
    expect((await call("account.me", { token })).status).toBe(200);

    const deleted = await mutate(
      "account.deleteAccount",
      { confirmEmail: "leaving@example.com", password: "tangerine-octopus-91" },
      token,
    );
    expect(deleted.status).toBe(200);
    expect((await call("account.me", { token })).status).toBe(401);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({ name: null, passwordHash: null, emailVerified: null, image: null });
    expect(row.email).not.toContain("leaving");
    expect(row.deletedAt).not.toBeNull();
    // The order is kept for the accounts, without the address it was placed with.
    const order = await db.order.findUniqueOrThrow({ where: { id: kept.id } });
    expect(order).toMatchObject({ userId: user.id, totalAmount: 4200 });
    expect(order.email).not.toContain("leaving");
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    const trail = await db.auditLog.findMany({
      where: { OR: [{ actorId: user.id }, { targetId: user.id }] },
    });
    expect(trail.map((e) => e.action)).toContain("account_deleted");
    expect(JSON.stringify(trail)).not.toMatch(/203\.0\.113\.50|LeavingBrowser|leaving@example/);
    expect((await signIn({ email: "leaving@example.com", password: "tangerine-octopus-91" })).status).toBe(
      401,
    );
    // The address is free again for a new account.
    await signUp({ email: "leaving@example.com", password: "a-brand-new-start-1" });
    expect(await db.user.count({ where: { email: "leaving@example.com", deletedAt: null } })).toBe(1);
  });

  it("will not delete the shop's only admin", async () => {
    const admin = await db.user.create({
      data: {
        email: "only-admin@example.com",
        role: "ADMIN",
        emailVerified: new Date(),
        passwordHash: await hashPassword("admin-password-long"),
      },
    });
    const { token } = (await signIn({ email: "only-admin@example.com", password: "admin-password-long" }))
      .data as { token: string };
    const refused = await mutate(
      "account.deleteAccount",
      { confirmEmail: "only-admin@example.com", password: "admin-password-long" },
      token,
    );
    expect(refused.status).toBe(409);
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).deletedAt).toBeNull();
  });
});

describe("rate limits on reset and magic-link requests", () => {
  it.each([
    ["account.requestPasswordReset", "passwordReset"],
    ["account.requestMagicLink", "magicLink"],
  ] as const)(
    "%s answers 429 with Retry-After after too many requests for one address",
    async (procedure, action) => {
      const limiter = createRateLimiter({
        keyPrefix: `test-${action}-${Date.now()}`,
        policies: {
          [action]: { ip: { points: 100, durationSeconds: 60 }, account: { points: 2, durationSeconds: 60 } },
        },
      });
      const email = `${action.toLowerCase()}@example.com`;
      await customer(email);
      const ask = () => call(procedure, { mutation: true, rateLimiter: limiter, input: { email } });
      const before = await mailCount(email);
      expect((await ask()).status).toBe(200);
      expect(await mailCount(email)).toBe(before + 1);
      expect((await ask()).status).toBe(200);
      expect(await mailCount(email)).toBe(before + 2);
      const refused = await ask();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await mailCount(email)).toBe(before + 2);
    },
  );
});
