import { createSession, resolveSession } from "@bazaar/auth";
import { createTestDatabase } from "@bazaar/db/testing";
import { adminCursorSchema } from "@bazaar/validators";
import { beforeAll, describe, expect, it } from "vitest";

import { signInPersonas, type Persona, type SignedIn } from "../../../test/accounts.ts";
import { callHttp } from "../../../test/http.ts";
import { insertOrder } from "../../../test/order-rows.ts";
import { getCustomer, listCustomers, setRole } from "./service.ts";

const { db } = await createTestDatabase();
const meta = { ip: "192.0.2.1", userAgent: "vitest" };

let people: Record<Persona, SignedIn>;
beforeAll(async () => {
  people = await signInPersonas(db);
});

const roleOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id } })).role;
const roleChanges = () => db.auditLog.count({ where: { action: "user.role_changed" } });

describe("setRole", () => {
  it("changes the role and audits who did it, from what, to what", async () => {
    const clerk = await db.user.create({ data: { email: "clerk@example.com" } });
    expect(await setRole(db, people.admin.id, { userId: clerk.id, role: "STAFF" }, meta)).toEqual({
      id: clerk.id,
      role: "STAFF",
    });
    const entry = await db.auditLog.findFirstOrThrow({
      where: { action: "user.role_changed", targetId: clerk.id },
    });
    expect(entry).toMatchObject({
      actorId: people.admin.id,
      targetType: "user",
      ip: "192.0.2.1",
      before: { role: "CUSTOMER" },
      after: { role: "STAFF" },
    });
  });

  it("records nothing when the role is already the one asked for", async () => {
    const before = await roleChanges();
    expect(await setRole(db, people.admin.id, { userId: people.staff.id, role: "STAFF" }, meta)).toEqual({
      id: people.staff.id,
      role: "STAFF",
    });
    expect(await roleChanges()).toBe(before);
  });

  it("keeps at least one admin", async () => {
    const only = await db.user.create({ data: { email: "boss@example.com", role: "ADMIN" } });
    await db.user.update({ where: { id: people.admin.id }, data: { role: "STAFF" } });
    const before = await roleChanges();
    await expect(setRole(db, only.id, { userId: only.id, role: "CUSTOMER" }, meta)).rejects.toMatchObject({
      code: "CONFLICT",
      message: "The shop must keep at least one admin.",
    });
    expect(await roleOf(only.id)).toBe("ADMIN");
    expect(await roleChanges()).toBe(before);
    // With a second admin, either may step down.
    await setRole(db, only.id, { userId: people.admin.id, role: "ADMIN" }, meta);
    expect((await setRole(db, people.admin.id, { userId: only.id, role: "CUSTOMER" }, meta)).role).toBe(
      "CUSTOMER",
    );
  });

  it("lets only one of two admins demoting each other at once succeed", async () => {
    const a = await db.user.create({ data: { email: "race-a@example.com", role: "ADMIN" } });
    const b = await db.user.create({ data: { email: "race-b@example.com", role: "ADMIN" } });
    await db.user.update({ where: { id: people.admin.id }, data: { role: "STAFF" } });
    const results = await Promise.allSettled([
      setRole(db, a.id, { userId: b.id, role: "CUSTOMER" }, meta),
      setRole(db, b.id, { userId: a.id, role: "CUSTOMER" }, meta),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    // The other is the ordinary refusal, not a deadlock or another failure.
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect(await db.user.count({ where: { role: "ADMIN" } })).toBe(1);
    // Back to the personas' admin for the tests below.
    const survivor = await db.user.findFirstOrThrow({ where: { role: "ADMIN" } });
    await setRole(db, survivor.id, { userId: people.admin.id, role: "ADMIN" }, meta);
    await setRole(db, people.admin.id, { userId: survivor.id, role: "CUSTOMER" }, meta);
  });

  it("says not found for an unknown or deleted user", async () => {
    const gone = await db.user.create({ data: { email: "gone@example.com", deletedAt: new Date() } });
    for (const userId of ["nope", gone.id]) {
      await expect(setRole(db, people.admin.id, { userId, role: "STAFF" }, meta)).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
    expect(await roleOf(gone.id)).toBe("CUSTOMER");
  });

  it("gives existing sessions the new role's lifetimes at once", async () => {
    const policy = {
      SESSION_IDLE_MINUTES: 60 * 24,
      SESSION_MAX_MINUTES: 60 * 24 * 30,
      STAFF_SESSION_IDLE_MINUTES: 30,
      STAFF_SESSION_MAX_MINUTES: 60 * 12,
    };
    const shopper = await db.user.create({ data: { email: "idle@example.com" } });
    const started = new Date(Date.now() - 45 * 60_000);
    const { token } = await createSession(
      db,
      policy,
      { user: shopper, kind: "BEARER", ip: null, userAgent: null },
      started,
    );
    // Idle for 45 minutes: fine for a customer ...
    expect(await resolveSession(db, policy, token)).not.toBeNull();
    await db.session.updateMany({ where: { userId: shopper.id }, data: { lastUsedAt: started } });
    await setRole(db, people.admin.id, { userId: shopper.id, role: "STAFF" }, meta);
    // ... but past staff's 30.
    expect(await resolveSession(db, policy, token)).toBeNull();
  });
});

describe("admin.customers.setRole over HTTP", () => {
  it("refuses staff making themselves admin: 403, and nothing changes", async () => {
    const before = await roleChanges();
    const { status } = await callHttp(db, "admin.customers.setRole", {
      mutation: true,
      token: people.staff.token,
      input: { userId: people.staff.id, role: "ADMIN" },
    });
    expect(status).toBe(403);
    expect(await roleOf(people.staff.id)).toBe("STAFF");
    expect(await roleChanges()).toBe(before);
  });

  it("refuses staff promoting a customer: 403, and nothing changes", async () => {
    const before = await roleChanges();
    for (const role of ["ADMIN", "STAFF"]) {
      const { status } = await callHttp(db, "admin.customers.setRole", {
        mutation: true,
        token: people.staff.token,
        input: { userId: people.customerA.id, role },
      });
      expect(status).toBe(403);
    }
    expect(await roleOf(people.customerA.id)).toBe("CUSTOMER");
    expect(await roleChanges()).toBe(before);
  });

  it("refuses the last admin stepping down: 409, and nothing changes", async () => {
    expect(await db.user.count({ where: { role: "ADMIN", deletedAt: null } })).toBe(1);
    const before = await roleChanges();
    const { status, error } = await callHttp(db, "admin.customers.setRole", {
      mutation: true,
      token: people.admin.token,
      input: { userId: people.admin.id, role: "STAFF" },
    });
    expect(status).toBe(409);
    expect(error?.message).toBe("The shop must keep at least one admin.");
    expect(await roleOf(people.admin.id)).toBe("ADMIN");
    expect(await roleChanges()).toBe(before);
  });

  it("lets an admin make a customer staff, and back", async () => {
    for (const role of ["STAFF", "CUSTOMER"]) {
      const { status, data } = await callHttp(db, "admin.customers.setRole", {
        mutation: true,
        token: people.admin.token,
        input: { userId: people.customerB.id, role },
      });
      expect(status).toBe(200);
      expect(data).toEqual({ id: people.customerB.id, role });
    }
  });

  it.each([
    [{ userId: "", role: "STAFF" }, "userId"],
    [{ role: "STAFF" }, "userId"],
    [{ userId: "x".repeat(65), role: "STAFF" }, "userId"],
    [{ userId: "someone", role: "ROOT" }, "role"],
    [{ userId: "someone", role: "admin" }, "role"],
  ])("refuses %j with 400 on %s", async (input, field) => {
    const before = await roleChanges();
    const { status, error } = await callHttp(db, "admin.customers.setRole", {
      mutation: true,
      token: people.admin.token,
      input,
    });
    expect(status).toBe(400);
    expect(Object.keys(error?.data.fieldErrors ?? {})).toEqual([field]);
    expect(await roleChanges()).toBe(before);
  });
});

describe("listCustomers and getCustomer", () => {
  const T = new Date("2026-03-01T12:00:00.000Z");
  let ids: Record<"ann" | "bob" | "cat" | "dan", string>;

  beforeAll(async () => {
    // Ann and Bob joined in the same millisecond: the cursor's id breaks the tie.
    const make = (
      email: string,
      name: string | null,
      createdAt: Date,
      role: "CUSTOMER" | "STAFF" = "CUSTOMER",
    ) => db.user.create({ data: { email, name, createdAt, role, emailVerified: name ? createdAt : null } });
    const [ann, bob, cat, dan] = await Promise.all([
      make("ann@shop.test", "Ann Archer", T),
      make("bob@shop.test", "Bob Baker", T),
      make("cat@shop.test", null, new Date(T.getTime() + 1_000)),
      make("dan@elsewhere.test", "Dan Shopkeeper", new Date(T.getTime() - 1_000), "STAFF"),
    ]);
    await make("deleted-x@deleted.invalid", null, T).then((u) =>
      db.user.update({ where: { id: u.id }, data: { deletedAt: new Date() } }),
    );
    ids = { ann: ann.id, bob: bob.id, cat: cat.id, dan: dan.id };
    const day = (n: number) => new Date(T.getTime() + n * 86_400_000);
    await insertOrder(db, { userId: ann.id, totalAmount: 5000, createdAt: day(1), paidAt: day(1) });
    await insertOrder(db, {
      userId: ann.id,
      totalAmount: 3000,
      refundedAmount: 1000,
      createdAt: day(2),
      paidAt: day(2),
      status: "FULFILLED",
    });
    await insertOrder(db, {
      userId: ann.id,
      currency: "EUR",
      totalAmount: 700,
      createdAt: day(3),
      paidAt: day(3),
    });
    // Never paid: counted as an order, not as money spent.
    await insertOrder(db, { userId: ann.id, totalAmount: 9999, createdAt: day(4), status: "EXPIRED" });
    await insertOrder(db, { userId: bob.id, totalAmount: 1200, createdAt: day(1), status: "CANCELLED" });
  });

  it("gives each person their order count and what they spent, per currency", async () => {
    const { items } = await listCustomers(db, { search: "shop.test", limit: 25 });
    // Ann and Bob joined at the same time: the larger id comes first.
    expect(items.map((c) => c.id)).toEqual([ids.cat, ...[ids.ann, ids.bob].sort().reverse()]);
    const stats = Object.fromEntries(items.map((c) => [c.email, [c.orderCount, c.spent]]));
    expect(stats).toEqual({
      "ann@shop.test": [
        4,
        [
          { amount: 700, currency: "EUR" },
          { amount: 7000, currency: "USD" },
        ],
      ],
      "bob@shop.test": [1, []],
      "cat@shop.test": [0, []],
    });
    expect(items[0]).toMatchObject({ name: null, role: "CUSTOMER", verified: false });
  });

  it("searches email and name, any case, and filters by role; deleted accounts never show", async () => {
    const emails = async (input: { search?: string; role?: "CUSTOMER" | "STAFF" | "ADMIN" }) =>
      (await listCustomers(db, { ...input, limit: 25 })).items.map((c) => c.email).sort();
    expect(await emails({ search: "BAKER" })).toEqual(["bob@shop.test"]);
    expect(await emails({ search: "shop" })).toEqual([
      "ann@shop.test",
      "bob@shop.test",
      "cat@shop.test",
      "dan@elsewhere.test",
    ]);
    expect(await emails({ search: "shop", role: "STAFF" })).toEqual(["dan@elsewhere.test"]);
    expect(await emails({ search: "deleted" })).toEqual([]);
    const all = await listCustomers(db, { limit: 100 });
    expect(all.total).toBe(await db.user.count({ where: { deletedAt: null } }));
    expect(all.items.map((c) => c.email)).not.toContain("deleted-x@deleted.invalid");
  });

  it("walks every row exactly once, page by page, through HTTP", async () => {
    const total = await db.user.count({ where: { deletedAt: null } });
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 20; pages += 1) {
      const response = await callHttp(db, "admin.customers.list", {
        token: people.staff.token,
        input: { limit: 2, ...(cursor ? { cursor } : {}) },
      });
      expect(response.status).toBe(200);
      const page = response.data as {
        items: { id: string; createdAt: string }[];
        nextCursor: string | null;
        total: number;
      };
      expect(page.total).toBe(total);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(cursor).toBeNull();
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const expected = await db.user.findMany({
      where: { deletedAt: null },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(seen).toEqual(expected.map((u) => u.id));
  });

  it("shows one customer's profile, sessions and orders, paged newest first", async () => {
    await db.session.createMany({
      data: [
        { sessionToken: "live-1", userId: ids.ann, expires: new Date(Date.now() + 3_600_000) },
        {
          sessionToken: "ended-1",
          userId: ids.ann,
          createdAt: new Date(Date.now() - 7_200_000),
          expires: new Date(Date.now() - 1_000),
        },
      ],
    });
    const first = await getCustomer(db, { id: ids.ann, limit: 3 });
    expect(first.customer).toMatchObject({
      email: "ann@shop.test",
      name: "Ann Archer",
      role: "CUSTOMER",
      verified: true,
      createdAt: T,
      sessions: 1,
      spent: [
        { amount: 700, currency: "EUR" },
        { amount: 7000, currency: "USD" },
      ],
    });
    expect(first.orders.total).toBe(4);
    expect(first.orders.items.map((o) => [o.status, o.total])).toEqual([
      ["EXPIRED", { amount: 9999, currency: "USD" }],
      ["PAID", { amount: 700, currency: "EUR" }],
      ["FULFILLED", { amount: 3000, currency: "USD" }],
    ]);
    expect(first.orders.items[2]?.refunded).toBe(1000);
    const second = await getCustomer(db, {
      id: ids.ann,
      limit: 3,
      cursor: adminCursorSchema.parse(first.orders.nextCursor),
    });
    expect(second.orders.items.map((o) => o.total.amount)).toEqual([5000]);
    expect(second.orders.nextCursor).toBeNull();
  });

  it("says not found for an unknown or deleted account", async () => {
    const gone = await db.user.findFirstOrThrow({ where: { email: "deleted-x@deleted.invalid" } });
    for (const id of ["nope", gone.id]) {
      const { status } = await callHttp(db, "admin.customers.get", {
        token: people.staff.token,
        input: { id },
      });
      expect(status).toBe(404);
    }
  });

  it.each([
    ["admin.customers.list", { limit: 0 }, "limit"],
    ["admin.customers.list", { limit: 101 }, "limit"],
    ["admin.customers.list", { cursor: "not-a-cursor" }, "cursor"],
    ["admin.customers.list", { role: "ROOT" }, "role"],
    ["admin.customers.list", { search: "x".repeat(255) }, "search"],
    ["admin.customers.get", { id: "" }, "id"],
    ["admin.customers.get", {}, "id"],
    ["admin.customers.get", { id: "someone", cursor: "%%%" }, "cursor"],
  ])("%s refuses %j with 400 on %s", async (path, input, field) => {
    const { status, error } = await callHttp(db, path, { token: people.staff.token, input });
    expect(status).toBe(400);
    expect(Object.keys(error?.data.fieldErrors ?? {})).toEqual([field]);
  });
});
