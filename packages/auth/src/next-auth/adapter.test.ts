import { createTestDatabase } from "@bazaar/db/testing";
import type { AdapterUser } from "next-auth/adapters";
import { beforeAll, describe, expect, it } from "vitest";

import { readAuthEnv } from "../env.ts";
import { createSession } from "../sessions.ts";
import { hashToken, TOKEN_PATTERN } from "../tokens.ts";
import { bazaarAdapter, EMAIL_VERIFIED_BY_PROVIDER } from "./adapter.ts";

const { db } = await createTestDatabase();
const policy = readAuthEnv({});
const request = { ip: "203.0.113.7", userAgent: "Mozilla/5.0 (vitest)" };
const T0 = new Date("2026-06-01T12:00:00Z");
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
let clock = T0;
const adapter = bazaarAdapter(db, { policy, request, now: () => clock });
/** Run one adapter call at the given time. */
async function at<T>(time: Date, run: () => T): Promise<Awaited<T>> {
  clock = time;
  return await run();
}

beforeAll(async () => {
  await db.user.createMany({
    data: [
      {
        id: "u_cust",
        email: "cust@example.com",
        role: "CUSTOMER",
        passwordHash: "$argon2id$not-a-real-hash",
      },
      { id: "u_staff", email: "staff@example.com", role: "STAFF" },
      { id: "u_gone", email: "deleted-u_gone@invalid", role: "CUSTOMER", deletedAt: T0 },
    ],
  });
});

describe("next-auth adapter: sessions", () => {
  it("creates a Bazaar cookie session storing only the token's hash, with the request's ip and user agent", async () => {
    const session = await at(T0, () =>
      adapter.createSession({ sessionToken: "ignored", userId: "u_cust", expires: later(1) }),
    );
    expect(session.sessionToken).toMatch(TOKEN_PATTERN);
    const row = await db.session.findUniqueOrThrow({
      where: { sessionToken: hashToken(session.sessionToken) },
    });
    expect(row.sessionToken).not.toBe(session.sessionToken);
    expect(row).toMatchObject({
      userId: "u_cust",
      kind: "COOKIE",
      ip: request.ip,
      userAgent: request.userAgent,
    });
    expect(await db.session.count({ where: { sessionToken: session.sessionToken } })).toBe(0);
  });

  it("takes the absolute lifetime from the user's role, not from next-auth's proposal", async () => {
    const customer = await at(T0, () =>
      adapter.createSession({ sessionToken: "x", userId: "u_cust", expires: later(60 * 24 * 365) }),
    );
    const staff = await at(T0, () =>
      adapter.createSession({ sessionToken: "x", userId: "u_staff", expires: later(60 * 24 * 365) }),
    );
    expect(customer.expires).toEqual(later(policy.SESSION_MAX_MINUTES));
    expect(staff.expires).toEqual(later(policy.STAFF_SESSION_MAX_MINUTES));
  });

  it("finds the session and its user by the raw token, never by the stored hash", async () => {
    const { sessionToken } = await at(T0, () =>
      adapter.createSession({ sessionToken: "x", userId: "u_cust", expires: later(1) }),
    );
    const found = await at(later(5), () => adapter.getSessionAndUser(sessionToken));
    expect(found?.session).toEqual({
      sessionToken,
      userId: "u_cust",
      expires: later(policy.SESSION_MAX_MINUTES),
    });
    expect(found?.user).toEqual({
      id: "u_cust",
      email: "cust@example.com",
      emailVerified: null,
      name: null,
      image: null,
    });
    // Nothing beyond next-auth's user shape leaves the adapter (no password hash, no role).
    expect(Object.keys(found?.user ?? {})).not.toContain("passwordHash");
    expect(await at(later(5), () => adapter.getSessionAndUser(hashToken(sessionToken)))).toBeNull();
    expect(await adapter.getSessionAndUser("not a token")).toBeNull();
  });

  it("refuses an idle session and deletes it", async () => {
    const { sessionToken } = await at(T0, () =>
      adapter.createSession({ sessionToken: "x", userId: "u_staff", expires: later(1) }),
    );
    expect(
      await at(later(policy.STAFF_SESSION_IDLE_MINUTES + 1), () => adapter.getSessionAndUser(sessionToken)),
    ).toBeNull();
    expect(await db.session.count({ where: { sessionToken: hashToken(sessionToken) } })).toBe(0);
  });

  it("refuses a session past its absolute end however recently it was used", async () => {
    const { sessionToken } = await at(T0, () =>
      adapter.createSession({ sessionToken: "x", userId: "u_staff", expires: later(1) }),
    );
    // Used every 20 minutes, so never idle.
    for (let minutes = 20; minutes < policy.STAFF_SESSION_MAX_MINUTES; minutes += 20) {
      expect(await at(later(minutes), () => adapter.getSessionAndUser(sessionToken))).not.toBeNull();
    }
    expect(
      await at(later(policy.STAFF_SESSION_MAX_MINUTES), () => adapter.getSessionAndUser(sessionToken)),
    ).toBeNull();
  });

  it("does not slide the absolute end forward when next-auth asks to update the session", async () => {
    const { sessionToken, expires } = await at(T0, () =>
      adapter.createSession({ sessionToken: "x", userId: "u_cust", expires: later(1) }),
    );
    await adapter.updateSession({ sessionToken, expires: later(60 * 24 * 365) });
    const row = await db.session.findUniqueOrThrow({ where: { sessionToken: hashToken(sessionToken) } });
    expect(row.expires).toEqual(expires);
  });

  it("does not accept a mobile bearer token as a browser session", async () => {
    const bearer = await createSession(
      db,
      policy,
      { user: { id: "u_cust", role: "CUSTOMER" }, kind: "BEARER", ...request },
      T0,
    );
    expect(await at(later(1), () => adapter.getSessionAndUser(bearer.token))).toBeNull();
  });

  it("deletes a session by its raw token", async () => {
    const { sessionToken } = await at(T0, () =>
      adapter.createSession({ sessionToken: "x", userId: "u_cust", expires: later(1) }),
    );
    await adapter.deleteSession(sessionToken);
    expect(await db.session.count({ where: { sessionToken: hashToken(sessionToken) } })).toBe(0);
    expect(await at(later(1), () => adapter.getSessionAndUser(sessionToken))).toBeNull();
    // Unknown and malformed tokens are no error.
    await expect(adapter.deleteSession(sessionToken)).resolves.toBeNull();
    await expect(adapter.deleteSession("'; drop table")).resolves.toBeNull();
  });
});

describe("next-auth adapter: users", () => {
  it("stores a new user's email lower-cased and trimmed, and finds it again in any case", async () => {
    const user = await adapter.createUser({
      id: "from-next-auth",
      email: "  New.Person@Example.COM ",
      emailVerified: null,
      name: "  New Person ",
      image: "https://images.example.com/a.png",
    });
    expect(user).toMatchObject({ email: "new.person@example.com", name: "New Person", emailVerified: null });
    expect(user.id).not.toBe("from-next-auth");
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({ email: "new.person@example.com", role: "CUSTOMER", passwordHash: null });
    expect(await adapter.getUserByEmail("NEW.PERSON@example.com ")).toMatchObject({ id: user.id });
    expect(await adapter.getUserByEmail("nobody@example.com")).toBeNull();
    expect(await adapter.getUserByEmail("not an address")).toBeNull();
  });

  it("marks the address verified only when the provider vouched for it", async () => {
    // What next-auth passes: the provider's profile, with `emailVerified: null` whatever it said.
    const fromProfile = (email: string, vouched: boolean): AdapterUser => ({
      id: "from-next-auth",
      email,
      emailVerified: null,
      ...{ [EMAIL_VERIFIED_BY_PROVIDER]: vouched },
    });
    const unverified = await adapter.createUser(fromProfile("plain@example.com", false));
    const verified = await at(later(3), () => adapter.createUser(fromProfile("vouched@example.com", true)));
    expect(unverified.emailVerified).toBeNull();
    expect(verified.emailVerified).toEqual(later(3));
  });

  it("refuses to create a user without a valid address, and drops an image that is not a web URL", async () => {
    await expect(adapter.createUser({ id: "x", email: "", emailVerified: null })).rejects.toThrow(/email/);
    const user = await adapter.createUser({
      id: "x",
      email: "img@example.com",
      emailVerified: null,
      image: "javascript:alert(1)",
    });
    expect(user.image).toBeNull();
  });

  it("links an account without keeping the provider's tokens, and finds the user by it", async () => {
    const user = await adapter.createUser({ id: "x", email: "linked@example.com", emailVerified: null });
    await adapter.linkAccount({
      userId: user.id,
      type: "oidc",
      provider: "oidc",
      providerAccountId: "sub-123",
      access_token: "secret-access",
      refresh_token: "secret-refresh",
      id_token: "secret-id",
      token_type: "bearer",
    });
    const row = await db.account.findUniqueOrThrow({
      where: { provider_providerAccountId: { provider: "oidc", providerAccountId: "sub-123" } },
    });
    expect(row).toMatchObject({
      userId: user.id,
      type: "oidc",
      access_token: null,
      refresh_token: null,
      id_token: null,
    });
    expect(await adapter.getUserByAccount({ provider: "oidc", providerAccountId: "sub-123" })).toMatchObject({
      id: user.id,
    });
    expect(await adapter.getUserByAccount({ provider: "oidc", providerAccountId: "other" })).toBeNull();
  });
});

describe("next-auth adapter: deleted users", () => {
  it("gives a deleted user no new session", async () => {
    await expect(
      adapter.createSession({ sessionToken: "x", userId: "u_gone", expires: later(1) }),
    ).rejects.toThrow();
    expect(await db.session.count({ where: { userId: "u_gone" } })).toBe(0);
  });

  it("refuses, and deletes, a session of a user deleted since it began", async () => {
    const user = await adapter.createUser({ id: "x", email: "leaving@example.com", emailVerified: null });
    const { sessionToken } = await at(T0, () =>
      adapter.createSession({ sessionToken: "x", userId: user.id, expires: later(1) }),
    );
    await db.user.update({ where: { id: user.id }, data: { deletedAt: later(1) } });
    expect(await at(later(2), () => adapter.getSessionAndUser(sessionToken))).toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await adapter.getUser(user.id)).toBeNull();
  });
});
