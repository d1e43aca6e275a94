// Who may call what, for every procedure that reads or writes data that belongs to someone.
// Each later feature adds its procedures here; a cell that allows too much fails the run.
import { createTestDatabase } from "@bazaar/db/testing";
import { beforeAll, describe, expect, it } from "vitest";

import { PASSWORD, signInPersonas, type Persona, type SignedIn } from "./accounts.ts";
import { callHttp } from "./http.ts";

const { db } = await createTestDatabase();
let people: Record<Persona, SignedIn>;
/** A session of customer B that nobody else may see or end. */
let victimSessionId: string;

beforeAll(async () => {
  people = await signInPersonas(db);
  const session = await db.session.findFirstOrThrow({ where: { userId: people.customerB.id } });
  victimSessionId = session.id;
});

type Caller = "anonymous" | Persona;
const CALLERS: Caller[] = ["anonymous", "customerA", "customerB", "staff", "admin"];
const token = (caller: Caller) => (caller === "anonymous" ? undefined : people[caller].token);

describe("account procedures need a session", () => {
  const procedures = [
    { path: "account.me" },
    { path: "account.sessions" },
    { path: "account.signOut", mutation: true },
    { path: "account.revokeAllSessions", mutation: true, input: { keepCurrent: true } },
    {
      path: "account.changePassword",
      mutation: true,
      input: { currentPassword: "x", newPassword: "marmalade-sky-2026" },
    },
    { path: "account.updateProfile", mutation: true, input: { name: "Mallory" } },
    { path: "account.exportData", mutation: true },
    { path: "account.deleteAccount", mutation: true, input: { confirmEmail: "customera@example.com" } },
  ];
  it.each(procedures)("$path refuses anonymous callers with 401", async ({ path, mutation, input }) => {
    expect((await callHttp(db, path, { mutation, input })).status).toBe(401);
  });
});

describe("one person's sessions are theirs alone", () => {
  it.each(CALLERS.filter((c) => c !== "customerB"))("%s cannot end customer B's session", async (caller) => {
    const { status } = await callHttp(db, "account.revokeSession", {
      mutation: true,
      token: token(caller),
      input: { sessionId: victimSessionId },
    });
    expect(status).toBe(caller === "anonymous" ? 401 : 404);
    expect(await db.session.count({ where: { id: victimSessionId } })).toBe(1);
  });

  it.each(CALLERS.filter((c) => c !== "anonymous"))(
    "%s sees only their own sessions and profile",
    async (caller) => {
      const me = await callHttp(db, "account.me", { token: token(caller) });
      expect((me.data as { email: string }).email).toBe(people[caller].email);
      const sessions = (await callHttp(db, "account.sessions", { token: token(caller) })).data as {
        id: string;
      }[];
      const own = await db.session.findMany({
        where: { userId: people[caller].id },
        select: { id: true },
      });
      expect(sessions.map((s) => s.id).sort()).toEqual(own.map((s) => s.id).sort());
      expect(sessions.map((s) => s.id)).not.toContain(caller === "customerB" ? "" : victimSessionId);
    },
  );

  it("customer B can end their own session", async () => {
    const { status } = await callHttp(db, "account.revokeSession", {
      mutation: true,
      token: people.customerB.token,
      input: { sessionId: victimSessionId },
    });
    expect(status).toBe(200);
    expect((await callHttp(db, "account.me", { token: people.customerB.token })).status).toBe(401);
    // Sign B in again for the tables below.
    const again = await callHttp(db, "account.signIn", {
      mutation: true,
      input: { email: people.customerB.email, password: PASSWORD },
    });
    people.customerB.token = (again.data as { token: string }).token;
  });
});

describe("one person's data is theirs alone", () => {
  it("an export holds only the caller's own sessions and activity", async () => {
    const { data } = await callHttp(db, "account.exportData", { mutation: true, token: token("customerA") });
    const exported = data as { profile: { email: string }; sessions: unknown[] };
    expect(exported.profile.email).toBe(people.customerA.email);
    const json = JSON.stringify(data);
    for (const other of ["customerB", "staff", "admin"] as const)
      expect(json).not.toContain(people[other].email);
    expect(exported.sessions).toHaveLength(
      await db.session.count({ where: { userId: people.customerA.id } }),
    );
  });

  it("a profile update changes only the caller", async () => {
    await callHttp(db, "account.updateProfile", {
      mutation: true,
      token: token("customerA"),
      input: { name: "A" },
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: people.customerB.id } })).name).toBeNull();
  });
});
