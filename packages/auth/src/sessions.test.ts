import { createTestDatabase } from "@bazaar/db/testing";
import { beforeAll, describe, expect, it } from "vitest";

import { readAuthEnv } from "./env.ts";
import { createSession, listSessions, resolveSession, revokeSession, revokeSessions } from "./sessions.ts";
import { hashToken } from "./tokens.ts";

const { db } = await createTestDatabase();
const policy = readAuthEnv({});
const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const T0 = new Date("2026-06-01T12:00:00Z");
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

beforeAll(async () => {
  await db.user.createMany({
    data: [
      { id: "u_cust", email: "cust@example.com", role: "CUSTOMER" },
      { id: "u_other", email: "other@example.com", role: "CUSTOMER" },
      { id: "u_staff", email: "staff@example.com", role: "STAFF" },
    ],
  });
});

const start = (userId: string, role: "CUSTOMER" | "STAFF", at = T0) =>
  createSession(db, policy, { user: { id: userId, role }, kind: "COOKIE", ...meta }, at);

describe("sessions", () => {
  it("stores only the token's hash, and resolves the token to its user", async () => {
    const { token, sessionId } = await start("u_cust", "CUSTOMER");
    const row = await db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(row.sessionToken).toBe(hashToken(token));
    expect(row.sessionToken).not.toContain(token);
    expect(await resolveSession(db, policy, token, later(1))).toMatchObject({
      id: sessionId,
      user: { id: "u_cust", email: "cust@example.com", role: "CUSTOMER" },
    });
  });

  it("gives a new token on every sign-in", async () => {
    const a = await start("u_cust", "CUSTOMER");
    const b = await start("u_cust", "CUSTOMER");
    expect(a.token).not.toBe(b.token);
    expect(a.sessionId).not.toBe(b.sessionId);
  });

  it("refuses unknown and malformed tokens without a query error", async () => {
    expect(await resolveSession(db, policy, "x".repeat(43), T0)).toBeNull();
    expect(await resolveSession(db, policy, "not a token; drop table", T0)).toBeNull();
    expect(await resolveSession(db, policy, "", T0)).toBeNull();
  });

  it("ends a customer session after 14 idle days, and keeps one that is used", async () => {
    const idle = await start("u_cust", "CUSTOMER");
    const used = await start("u_cust", "CUSTOMER");
    expect(await resolveSession(db, policy, used.token, later(60 * 24 * 10))).not.toBeNull();
    expect(await resolveSession(db, policy, used.token, later(60 * 24 * 20))).not.toBeNull();
    expect(await resolveSession(db, policy, idle.token, later(60 * 24 * 14))).toBeNull();
    // Ended sessions are deleted, not just ignored.
    expect(await db.session.count({ where: { id: idle.sessionId } })).toBe(0);
  });

  it("ends any session at its absolute lifetime, however busy", async () => {
    const busy = await start("u_cust", "CUSTOMER");
    for (let day = 10; day < 30; day += 10) {
      expect(await resolveSession(db, policy, busy.token, later(60 * 24 * day))).not.toBeNull();
    }
    expect(await resolveSession(db, policy, busy.token, later(60 * 24 * 30))).toBeNull();
  });

  it("gives staff shorter sessions: 30 idle minutes, 12 hours at most", async () => {
    const staff = await start("u_staff", "STAFF");
    expect(await resolveSession(db, policy, staff.token, later(29))).not.toBeNull();
    expect(await resolveSession(db, policy, staff.token, later(29 + 30))).toBeNull();
    const long = await start("u_staff", "STAFF");
    for (let m = 20; m < 12 * 60; m += 20)
      expect(await resolveSession(db, policy, long.token, later(m))).not.toBeNull();
    expect(await resolveSession(db, policy, long.token, later(12 * 60))).toBeNull();
  });

  it("lets a user end only their own sessions", async () => {
    const mine = await start("u_cust", "CUSTOMER");
    const theirs = await start("u_other", "CUSTOMER");
    expect(await revokeSession(db, "u_cust", theirs.sessionId)).toBe(false);
    expect(await resolveSession(db, policy, theirs.token, later(1))).not.toBeNull();
    expect(await revokeSession(db, "u_cust", mine.sessionId)).toBe(true);
    expect(await resolveSession(db, policy, mine.token, later(1))).toBeNull();
  });

  it("signs out everywhere else, keeping the current session", async () => {
    const here = await start("u_other", "CUSTOMER");
    const there = await start("u_other", "CUSTOMER");
    await revokeSessions(db, "u_other", here.sessionId);
    expect(await resolveSession(db, policy, there.token, later(1))).toBeNull();
    expect(await resolveSession(db, policy, here.token, later(1))).not.toBeNull();
    expect((await listSessions(db, "u_other")).map((s) => s.id)).toEqual([here.sessionId]);
    await revokeSessions(db, "u_other", null);
    expect(await listSessions(db, "u_other")).toEqual([]);
  });
});
