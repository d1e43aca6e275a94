import { createTestDatabase } from "@bazaar/db/testing";
import type { Account, User } from "next-auth";
import { beforeAll, describe, expect, it } from "vitest";

import { readAuthEnv } from "../env.ts";
import { TOKEN_PATTERN } from "../tokens.ts";
import { nextAuthConfig, nextAuthSecret, requestMeta, SIGN_IN_ERROR_NO_EMAIL } from "./config.ts";

const { db } = await createTestDatabase();
const request = { ip: "198.51.100.4", userAgent: "Mozilla/5.0 (vitest)" };
const warnings: unknown[] = [];
const log = { warn: (fields: unknown) => warnings.push(fields), error: () => undefined };
const env = readAuthEnv({
  AUTH_OIDC_ISSUER: "http://127.0.0.1:3101",
  AUTH_OIDC_ID: "bazaar",
  AUTH_OIDC_SECRET: "s",
});

const oidcAccount = (providerAccountId: string): Account => ({
  type: "oidc",
  provider: "oidc",
  providerAccountId,
});

beforeAll(async () => {
  await db.user.create({
    data: {
      id: "u_gone",
      email: "deleted-u_gone@invalid",
      deletedAt: new Date(),
      accounts: { create: { type: "oidc", provider: "oidc", providerAccountId: "sub-gone" } },
    },
  });
  await db.user.create({
    data: {
      id: "u_live",
      email: "live@example.com",
      accounts: { create: { type: "oidc", provider: "oidc", providerAccountId: "sub-live" } },
    },
  });
});

describe("next-auth configuration", () => {
  const config = nextAuthConfig({ db, env, request, log });

  it("keeps sessions in the database, in Bazaar's session cookie, with Bazaar's token format", () => {
    expect(config.session?.strategy).toBe("database");
    expect(config.session?.generateSessionToken?.()).toMatch(TOKEN_PATTERN);
    expect(config.cookies?.sessionToken).toEqual({
      name: "bazaar.session",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: false },
    });
    expect(config.useSecureCookies).toBe(false);
    expect(config.basePath).toBe("/api/auth");
    expect(config.pages).toEqual({ signIn: "/sign-in", error: "/sign-in" });
  });

  it("uses the __Host- Secure cookie when the shop is served over https", () => {
    const https = nextAuthConfig({
      db,
      env: readAuthEnv({ APP_URL: "https://shop.example.com" }),
      request,
      log,
    });
    expect(https.cookies?.sessionToken).toEqual({
      name: "__Host-bazaar.session",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    });
    expect(https.useSecureCookies).toBe(true);
  });

  it("offers the configured providers only", () => {
    expect(config.providers.map((p) => (typeof p === "function" ? p().id : p.id))).toEqual(["oidc"]);
  });

  it("logs through the app's logger, with next-auth's debug output off", () => {
    config.logger?.warn?.("debug-enabled");
    expect(warnings).toEqual([{ code: "debug-enabled" }]);
    expect(config.debug).toBeUndefined();
  });
});

describe("the secret", () => {
  it("is AUTH_SECRET when set", () => {
    expect(nextAuthSecret({ AUTH_SECRET: "x".repeat(32), NODE_ENV: "production" })).toBe("x".repeat(32));
  });

  it("falls back to a fixed development secret outside production only", () => {
    const dev = nextAuthSecret({ NODE_ENV: "development" });
    expect(dev).toHaveLength(64);
    expect(nextAuthSecret({ NODE_ENV: "test" })).toBe(dev);
    expect(() => nextAuthSecret({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET/);
  });
});

describe("request metadata", () => {
  it("reads the client address as the tRPC context does, and the user agent", () => {
    const headers = new Headers({ "x-forwarded-for": "203.0.113.50, 10.0.0.2", "user-agent": "UA" });
    expect(requestMeta(headers, { TRUSTED_PROXY_HOPS: 1 })).toEqual({ ip: "10.0.0.2", userAgent: "UA" });
    expect(requestMeta(headers, { TRUSTED_PROXY_HOPS: 2 })).toEqual({ ip: "203.0.113.50", userAgent: "UA" });
    expect(requestMeta(undefined, { TRUSTED_PROXY_HOPS: 1 })).toEqual({ ip: null, userAgent: null });
  });
});

describe("the sign-in callback", () => {
  const { signIn } = nextAuthConfig({ db, env, request, log }).callbacks ?? {};
  const attempt = (user: User, account: Account) => {
    if (!signIn) throw new Error("no signIn callback");
    return signIn({ user, account, profile: {} });
  };

  it("lets a linked, live account in", async () => {
    expect(await attempt({ id: "u_live", email: "live@example.com" }, oidcAccount("sub-live"))).toBe(true);
  });

  it("lets a new OAuth user with an address in", async () => {
    expect(await attempt({ id: "tmp", email: "new@example.com" }, oidcAccount("sub-new"))).toBe(true);
  });

  it("refuses an account linked to a deleted user", async () => {
    expect(await attempt({ id: "u_gone", email: "deleted-u_gone@invalid" }, oidcAccount("sub-gone"))).toBe(
      false,
    );
  });

  it("sends a new profile without a usable address back to the sign-in page with its own error", async () => {
    expect(await attempt({ id: "tmp", email: null }, oidcAccount("sub-no-mail"))).toBe(
      `/sign-in?error=${SIGN_IN_ERROR_NO_EMAIL}`,
    );
    expect(await attempt({ id: "tmp", email: "nope" }, oidcAccount("sub-bad-mail"))).toBe(
      `/sign-in?error=${SIGN_IN_ERROR_NO_EMAIL}`,
    );
  });

  it("refuses anything that is not an OAuth or OpenID Connect sign-in", async () => {
    expect(
      await attempt(
        { id: "u_live", email: "live@example.com" },
        { ...oidcAccount("x"), type: "credentials" },
      ),
    ).toBe(false);
  });
});

describe("audit events", () => {
  it("records a new OAuth user's sign-up and sign-in with the request's ip and user agent", async () => {
    const { events } = nextAuthConfig({ db, env, request, log });
    await events?.signIn?.({
      user: { id: "u_live", email: "live@example.com" },
      account: oidcAccount("sub-live"),
      isNewUser: true,
    });
    const rows = await db.auditLog.findMany({ where: { targetId: "u_live" }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.action).sort()).toEqual(["sign_in", "sign_up"]);
    for (const row of rows) {
      expect(row).toMatchObject({
        actorId: "u_live",
        ip: request.ip,
        userAgent: request.userAgent,
        details: { method: "oauth", provider: "oidc" },
      });
    }
  });

  it("records a returning user's sign-in only", async () => {
    await db.auditLog.deleteMany();
    const { events } = nextAuthConfig({ db, env, request, log });
    await events?.signIn?.({
      user: { id: "u_live", email: "live@example.com" },
      account: oidcAccount("sub-live"),
      isNewUser: false,
    });
    const rows = await db.auditLog.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "sign_in", details: { method: "oauth", provider: "oidc" } });
  });
});
