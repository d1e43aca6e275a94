// Staff adjusting stock through the API: the reason's direction, the floor at zero, the ledger
// page with its running balance, and the audit entry with the figure before and after.
import { createTestDatabase } from "@bazaar/db/testing";
import { encodeAdminCursor } from "@bazaar/validators";
import { beforeAll, describe, expect, it } from "vitest";

import { signInPersonas, type Persona, type SignedIn } from "../../../test/accounts.ts";
import { insertCatalog, T0 } from "../../../test/catalog-fixtures.ts";
import { callHttp } from "../../../test/http.ts";
import { onCatalogChange } from "../../catalog/cache-tags.ts";
import { ledgerMismatches } from "../../stock/ledger.ts";

const { db } = await createTestDatabase();
await insertCatalog(db, [{ id: "kettle", categoryId: "cat_a", createdAt: T0, variants: [[4500, 5]] }]);
let people: Record<Persona, SignedIn>;
beforeAll(async () => {
  people = await signInPersonas(db);
});

const adjust = (input: Record<string, unknown>) =>
  callHttp(db, "admin.stock.adjust", { mutation: true, token: people.staff.token, input });
const onHand = async () =>
  (await db.productVariant.findUniqueOrThrow({ where: { id: "kettle_v0" } })).stockOnHand;

describe("admin.stock.adjust", () => {
  it("adds received goods, records who and why, audits the figure, and tells the storefront", async () => {
    const stale: string[][] = [];
    const stop = onCatalogChange((tags) => void stale.push(tags));
    const { status, data } = await adjust({
      variantId: "kettle_v0",
      delta: 7,
      reason: "RECEIVED",
      note: "PO 118",
    });
    stop();
    expect(status).toBe(200);
    expect(data).toEqual({ variantId: "kettle_v0", stockOnHand: 12 });
    expect(stale).toEqual([["catalog:listings", "product:kettle"]]);
    const movement = await db.stockMovement.findFirstOrThrow({
      where: { variantId: "kettle_v0" },
      orderBy: { id: "desc" },
    });
    expect([movement.delta, movement.reason, movement.actorId, movement.note]).toEqual([
      7,
      "RECEIVED",
      people.staff.id,
      "PO 118",
    ]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "stock.adjusted" } });
    expect(audit).toMatchObject({
      actorId: people.staff.id,
      targetType: "variant",
      targetId: "kettle_v0",
      before: { stockOnHand: 5 },
      after: { stockOnHand: 12 },
    });
  });

  it.each([
    [{ delta: -1, reason: "RECEIVED" }, "delta"],
    [{ delta: 2, reason: "DAMAGED" }, "delta"],
    [{ delta: 0, reason: "CORRECTION" }, "delta"],
    [{ delta: 1.5, reason: "CORRECTION" }, "delta"],
    [{ delta: 1, reason: "SOLD" }, "reason"],
    [{ delta: 1, reason: "CORRECTION", note: "x".repeat(501) }, "note"],
  ])("refuses %o with a 400 on %s and changes nothing", async (input, field) => {
    const before = await onHand();
    const { status, error } = await adjust({ variantId: "kettle_v0", ...input });
    expect(status).toBe(400);
    expect(Object.keys(error?.data.fieldErrors ?? {})).toEqual([field]);
    expect(await onHand()).toBe(before);
  });

  it("refuses to take more than is on hand with a 409 on delta", async () => {
    const { status, error } = await adjust({ variantId: "kettle_v0", delta: -13, reason: "DAMAGED" });
    expect(status).toBe(409);
    expect(error?.data.fieldErrors).toEqual({ delta: ["would leave -1: only 12 are on hand"] });
    expect(await onHand()).toBe(12);
  });

  it("answers 404 for an unknown variant", async () => {
    expect((await adjust({ variantId: "no-such", delta: 1, reason: "RECEIVED" })).status).toBe(404);
  });
});

describe("admin.stock.movements", () => {
  it("pages the ledger newest first with the balance after each movement", async () => {
    await adjust({ variantId: "kettle_v0", delta: -2, reason: "DAMAGED" });
    await adjust({ variantId: "kettle_v0", delta: 1, reason: "RETURNED" });
    const first = await callHttp(db, "admin.stock.movements", {
      token: people.staff.token,
      input: { variantId: "kettle_v0", limit: 2 },
    });
    const page1 = first.data as {
      items: { delta: number; balanceAfter: number; reason: string }[];
      nextCursor: string;
      total: number;
    };
    expect(page1.total).toBe(4);
    expect(page1.items.map((m) => [m.reason, m.delta, m.balanceAfter])).toEqual([
      ["RETURNED", 1, 11],
      ["DAMAGED", -2, 10],
    ]);
    const second = await callHttp(db, "admin.stock.movements", {
      token: people.staff.token,
      input: { variantId: "kettle_v0", limit: 2, cursor: page1.nextCursor },
    });
    const page2 = second.data as typeof page1;
    expect(page2.items.map((m) => [m.reason, m.delta, m.balanceAfter])).toEqual([
      ["RECEIVED", 7, 12],
      ["OPENING", 5, 5],
    ]);
    expect(page2.nextCursor).toBeNull();
    expect(await ledgerMismatches(db)).toEqual([]);
  });

  it("refuses a cursor it did not write", async () => {
    for (const cursor of ["garbage", encodeAdminCursor({ at: new Date(), id: "not-a-number" })]) {
      const { status, error } = await callHttp(db, "admin.stock.movements", {
        token: people.staff.token,
        input: { variantId: "kettle_v0", cursor },
      });
      expect(status).toBe(400);
      expect(Object.keys(error?.data.fieldErrors ?? {})).toEqual(["cursor"]);
    }
  });
});
