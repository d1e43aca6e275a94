import { createRateLimiter } from "@bazaar/auth";
import { createTestDatabase } from "@bazaar/db/testing";
import { describe, expect, it } from "vitest";

import { callHttp } from "../../test/http.ts";

const { db } = await createTestDatabase();

const signUp = (input: unknown) => callHttp(db, "account.signUp", { mutation: true, input });
const signIn = (input: unknown, headers?: Record<string, string>) =>
  callHttp(db, "account.signIn", { mutation: true, input, headers });

describe("sign-up", () => {
  it("creates a customer with a normalised email and an Argon2id hash, and audits it", async () => {
    const { status, data } = await signUp({
      email: "  Ada@Example.COM ",
      password: "tangerine-octopus-91",
      name: "Ada",
    });
    expect(status).toBe(200);
    expect(data).toMatchObject({
      email: "ada@example.com",
      name: "Ada",
      role: "CUSTOMER",
      emailVerified: null,
    });
    const user = await db.user.findUniqueOrThrow({ where: { email: "ada@example.com" } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(data)).not.toContain("argon2");
    expect(await db.auditLog.count({ where: { action: "sign_up", actorId: user.id } })).toBe(1);
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

  it("refuses an address that already has an account, whatever its case", async () => {
    const { status, error } = await signUp({ email: "ADA@example.com", password: "another-fine-secret" });
    expect(status).toBe(409);
    expect(error?.data.fieldErrors).toEqual({
      email: ["already has an account; sign in or reset your password"],
    });
  });
});

describe("sign-in with a password (bearer sessions)", () => {
  it("returns a bearer token that authenticates later calls, and records the session's device", async () => {
    const { status, data } = await signIn(
      { email: "ada@example.com", password: "tangerine-octopus-91" },
      {
        "user-agent": "BazaarMobile/1.0",
        "x-forwarded-for": "203.0.113.9, 10.0.0.1",
      },
    );
    expect(status).toBe(200);
    const { token } = data as { token: string };
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = await callHttp(db, "account.me", { token });
    expect(me.data).toMatchObject({ email: "ada@example.com" });
    const sessions = await callHttp(db, "account.sessions", { token });
    expect(sessions.data).toEqual([
      expect.objectContaining({
        kind: "BEARER",
        userAgent: "BazaarMobile/1.0",
        ip: "203.0.113.9",
        current: true,
      }),
    ]);
  });

  it("gives the same 401 for a wrong password and an unknown email, and audits the failure", async () => {
    const wrong = await signIn({ email: "ada@example.com", password: "not-the-password" });
    const unknown = await signIn({ email: "nobody@example.com", password: "not-the-password" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.error?.message).toBe(unknown.error?.message);
    expect(await db.auditLog.count({ where: { action: "sign_in_failed" } })).toBe(2);
  });

  it("refuses a token after sign-out", async () => {
    const { data } = await signIn({ email: "ada@example.com", password: "tangerine-octopus-91" });
    const { token } = data as { token: string };
    expect((await callHttp(db, "account.signOut", { mutation: true, token })).status).toBe(200);
    expect((await callHttp(db, "account.me", { token })).status).toBe(401);
  });

  it.each([
    ["a scheme other than Bearer", "Basic YWRhOnNlY3JldA=="],
    ["an empty token", "Bearer "],
    ["a token of the wrong shape", "Bearer abc.def"],
    ["SQL in the token", "Bearer ' or 1=1 --"],
  ])("answers 401, not 500, to %s", async (_, authorization) => {
    const { status, error } = await callHttp(db, "catalog.categories", { headers: { authorization } });
    expect(status).toBe(401);
    expect(error?.message).toBe("The Authorization header must be `Bearer <token>`.");
  });

  it("treats a well-formed but unknown token as signed out", async () => {
    expect((await callHttp(db, "account.me", { token: "A".repeat(43) })).status).toBe(401);
    expect((await callHttp(db, "catalog.categories", { token: "A".repeat(43) })).status).toBe(200);
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

    const wrong = await callHttp(db, "account.changePassword", {
      mutation: true,
      token: here,
      input: { currentPassword: "nope-nope-nope", newPassword: "marmalade-sky-2026" },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.error?.data.fieldErrors).toEqual({ currentPassword: ["is not your current password"] });

    const changed = await callHttp(db, "account.changePassword", {
      mutation: true,
      token: here,
      input: { currentPassword: "tangerine-octopus-91", newPassword: "marmalade-sky-2026" },
    });
    expect(changed.status).toBe(200);
    expect((await callHttp(db, "account.me", { token: elsewhere })).status).toBe(401);
    expect((await callHttp(db, "account.me", { token: here })).status).toBe(200);
    expect((await signIn({ email: "ada@example.com", password: "tangerine-octopus-91" })).status).toBe(401);
    expect((await signIn({ email: "ada@example.com", password: "marmalade-sky-2026" })).status).toBe(200);
    expect(await db.auditLog.count({ where: { action: "password_changed" } })).toBe(1);
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
      callHttp(db, "account.signIn", {
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
      callHttp(db, "account.signUp", {
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
