import { createTestDatabase } from "@bazaar/db/testing";
import { adminCursorSchema } from "@bazaar/validators";
import { beforeAll, describe, expect, it } from "vitest";

import { signInPersonas, type Persona, type SignedIn } from "../../../test/accounts.ts";
import { callHttp } from "../../../test/http.ts";
import { auditActions, listAudit } from "./service.ts";

const { db } = await createTestDatabase();
const at = (iso: string) => new Date(`${iso}Z`);

let people: Record<Persona, SignedIn>;
let goneId: string;

beforeAll(async () => {
  people = await signInPersonas(db);
  // Signing in wrote sign_in entries of its own; this file's entries are the only ones kept.
  await db.auditLog.deleteMany();
  goneId = (
    await db.user.create({
      data: { email: "deleted-gone@deleted.invalid", deletedAt: new Date() },
    })
  ).id;
  await db.auditLog.createMany({
    data: [
      {
        id: "e1",
        action: "product.updated",
        actorId: people.staff.id,
        targetType: "product",
        targetId: "p1",
        before: { name: "Mug" },
        after: { name: "Big mug" },
        ip: "192.0.2.7",
        createdAt: at("2026-03-01T10:00:00.000"),
      },
      {
        id: "e2",
        action: "order.refunded",
        actorId: people.admin.id,
        targetType: "order",
        targetId: "o1",
        before: { refundedAmount: 0 },
        after: { refundedAmount: 500 },
        details: { reason: "damaged" },
        createdAt: at("2026-03-02T00:00:00.000"),
      },
      {
        id: "e3",
        action: "user.role_changed",
        actorId: people.admin.id,
        targetType: "user",
        targetId: people.customerA.id,
        before: { role: "CUSTOMER" },
        after: { role: "STAFF" },
        createdAt: at("2026-03-03T23:59:59.999"),
      },
      {
        id: "e4",
        action: "sign_in",
        actorId: people.staff.id,
        targetId: people.staff.id,
        createdAt: at("2026-03-04T00:00:00.000"),
      },
      // Two at the same instant: the id breaks the tie.
      {
        id: "e5",
        action: "stock.adjusted",
        actorId: goneId,
        targetType: "variant",
        targetId: "v1",
        createdAt: at("2026-03-05T00:00:00.000"),
      },
      {
        id: "e6",
        action: "order.updated",
        targetType: "order",
        targetId: "o1",
        createdAt: at("2026-03-05T00:00:00.000"),
      },
      ...Array.from({ length: 7 }, (_, i) => ({
        id: `f${i}`,
        action: "product.updated",
        actorId: people.admin.id,
        targetType: "product",
        targetId: "p2",
        createdAt: at("2026-02-01T00:00:00.000"),
      })),
    ],
  });
});

const ids = async (input: Parameters<typeof listAudit>[1]) =>
  (await listAudit(db, input)).items.map((e) => e.id);

describe("listAudit", () => {
  it("shows each entry's time, actor, action, target, ip and before/after, newest first", async () => {
    const { items, total } = await listAudit(db, { limit: 6 });
    expect(total).toBe(13);
    expect(items.map((e) => e.id)).toEqual(["e6", "e5", "e4", "e3", "e2", "e1"]);
    expect(items.map((e) => e.actor)).toEqual([
      "system",
      "deleted account",
      "staff@example.com",
      "admin@example.com",
      "admin@example.com",
      "staff@example.com",
    ]);
    expect(items[1]?.actorId).toBeNull();
    expect(items[5]).toEqual({
      id: "e1",
      createdAt: at("2026-03-01T10:00:00.000"),
      action: "product.updated",
      actorId: people.staff.id,
      actor: "staff@example.com",
      targetType: "product",
      targetId: "p1",
      ip: "192.0.2.7",
      before: { name: "Mug" },
      after: { name: "Big mug" },
      details: {},
    });
    expect(items[4]?.details).toEqual({ reason: "damaged" });
    expect(items[2]).toMatchObject({ targetType: null, before: null, after: null });
  });

  it("filters by exact action, actor email, target and dates, alone or together", async () => {
    expect(await ids({ limit: 25, action: "order.refunded" })).toEqual(["e2"]);
    expect(await ids({ limit: 25, action: "order" })).toEqual([]);
    expect(await ids({ limit: 25, actorEmail: "staff@example.com" })).toEqual(["e4", "e1"]);
    expect(await ids({ limit: 25, actorEmail: "nobody@example.com" })).toEqual([]);
    expect(await ids({ limit: 25, targetType: "order" })).toEqual(["e6", "e2"]);
    expect(
      await ids({ limit: 25, targetType: "order", targetId: "o1", actorEmail: "admin@example.com" }),
    ).toEqual(["e2"]);
    expect(await ids({ limit: 25, targetId: people.customerA.id })).toEqual(["e3"]);
    // Whole UTC days, both ends included.
    expect(await ids({ limit: 25, from: "2026-03-02", to: "2026-03-03" })).toEqual(["e3", "e2"]);
    expect(await ids({ limit: 25, from: "2026-03-04" })).toEqual(["e6", "e5", "e4"]);
    expect(await ids({ limit: 25, to: "2026-03-01", action: "product.updated" })).toHaveLength(8);
    expect((await listAudit(db, { limit: 1, action: "product.updated" })).total).toBe(8);
  });

  it("walks every entry exactly once, page by page, through HTTP", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 20; pages += 1) {
      const response = await callHttp(db, "admin.audit.list", {
        token: people.staff.token,
        input: { limit: 2, ...(cursor ? { cursor } : {}) },
      });
      expect(response.status).toBe(200);
      const page = response.data as { items: { id: string }[]; nextCursor: string | null; total: number };
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    const all = await db.auditLog.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(all).toHaveLength(13);
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it("pages within a filter", async () => {
    const first = await listAudit(db, { limit: 5, action: "product.updated" });
    const second = await listAudit(db, {
      limit: 5,
      action: "product.updated",
      cursor: adminCursorSchema.parse(first.nextCursor),
    });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((e) => e.id)).toEqual([
      "e1",
      "f6",
      "f5",
      "f4",
      "f3",
      "f2",
      "f1",
      "f0",
    ]);
  });
});

describe("auditActions", () => {
  it("names every action in the log once, in order", async () => {
    expect(await auditActions(db)).toEqual([
      "order.refunded",
      "order.updated",
      "product.updated",
      "sign_in",
      "stock.adjusted",
      "user.role_changed",
    ]);
    const { status, data } = await callHttp(db, "admin.audit.actions", { token: people.staff.token });
    expect(status).toBe(200);
    expect(data).toHaveLength(6);
  });
});

describe("bad input", () => {
  it.each([
    [{ from: "2026-13-01" }, "from"],
    [{ to: "yesterday" }, "to"],
    [{ from: "2026-03-05", to: "2026-03-04" }, "to"],
    [{ targetType: "planet" }, "targetType"],
    [{ actorEmail: "not-an-email" }, "actorEmail"],
    [{ action: "" }, "action"],
    [{ action: "x".repeat(101) }, "action"],
    [{ targetId: "" }, "targetId"],
    [{ limit: 0 }, "limit"],
    [{ cursor: "bm90IGpzb24" }, "cursor"],
  ])("refuses %j with 400 on %s", async (input, field) => {
    const { status, error } = await callHttp(db, "admin.audit.list", { token: people.staff.token, input });
    expect(status).toBe(400);
    expect(Object.keys(error?.data.fieldErrors ?? {})).toEqual([field]);
  });
});
