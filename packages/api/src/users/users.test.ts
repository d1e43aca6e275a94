import { createTestDatabase } from "@bazaar/db/testing";
import { describe, expect, it } from "vitest";

import { setRole } from "./service.ts";

const { db } = await createTestDatabase();
const meta = { ip: "192.0.2.1", userAgent: "vitest" };

describe("setRole", () => {
  it("changes the role and audits who did it, from what, to what", async () => {
    const admin = await db.user.create({ data: { email: "boss@example.com", role: "ADMIN" } });
    const clerk = await db.user.create({ data: { email: "clerk@example.com" } });
    expect(await setRole(db, admin.id, { userId: clerk.id, role: "STAFF" }, meta)).toEqual({
      id: clerk.id,
      role: "STAFF",
    });
    const event = await db.auditLog.findFirstOrThrow({
      where: { action: "role_changed", targetId: clerk.id },
    });
    expect(event).toMatchObject({
      actorId: admin.id,
      ip: "192.0.2.1",
      details: { from: "CUSTOMER", to: "STAFF" },
    });
  });

  it("keeps at least one admin", async () => {
    const only = await db.user.findUniqueOrThrow({ where: { email: "boss@example.com" } });
    await expect(setRole(db, only.id, { userId: only.id, role: "CUSTOMER" }, meta)).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const second = await db.user.create({ data: { email: "boss2@example.com", role: "ADMIN" } });
    await setRole(db, only.id, { userId: second.id, role: "STAFF" }, meta);
    await setRole(db, only.id, { userId: second.id, role: "ADMIN" }, meta);
    expect((await setRole(db, second.id, { userId: only.id, role: "CUSTOMER" }, meta)).role).toBe("CUSTOMER");
  });

  it("lets only one of two admins demoting each other at once succeed", async () => {
    const a = await db.user.create({ data: { email: "race-a@example.com", role: "ADMIN" } });
    await db.user.updateMany({ where: { role: "ADMIN", NOT: { id: a.id } }, data: { role: "CUSTOMER" } });
    const b = await db.user.create({ data: { email: "race-b@example.com", role: "ADMIN" } });
    const results = await Promise.allSettled([
      setRole(db, a.id, { userId: b.id, role: "CUSTOMER" }, meta),
      setRole(db, b.id, { userId: a.id, role: "CUSTOMER" }, meta),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { role: "ADMIN" } })).toBe(1);
  });

  it("says not found for an unknown or deleted user", async () => {
    const admin = await db.user.findFirstOrThrow({ where: { role: "ADMIN" } });
    await expect(setRole(db, admin.id, { userId: "nope", role: "STAFF" }, meta)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
