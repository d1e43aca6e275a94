// The stock ledger's invariant: a variant's on-hand figure equals the sum of its movements, after
// any mix of staff adjustments, orders, cancellations and expiries, refused or not, sequential or
// racing. The database keeps it (triggers), so these tests also try to get around it.
import { randomUUID } from "node:crypto";

import { createTestDatabase } from "@bazaar/db/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { insertCatalog, T0 } from "../../test/catalog-fixtures.ts";
import { adjustStock } from "../admin/stock/service.ts";
import { moveOrder, placeOrder } from "../orders/service.ts";
import { describeStockChange, ledgerMismatches } from "./ledger.ts";

const { db } = await createTestDatabase();
await insertCatalog(db, [
  {
    id: "mug",
    categoryId: "cat_a",
    createdAt: T0,
    variants: [
      [1200, 10],
      [1300, 0],
    ],
  },
  { id: "lamp", categoryId: "cat_b", createdAt: T0, variants: [[5000, 3]] },
]);
const VARIANTS = ["mug_v0", "mug_v1", "lamp_v0"] as const;
const staff = await db.user.create({ data: { email: "stock-staff@example.test", role: "STAFF" } });
const meta = { ip: "127.0.0.1", userAgent: "vitest" };

const onHand = async (variantId: string) =>
  (await db.productVariant.findUniqueOrThrow({ where: { id: variantId } })).stockOnHand;
const settle = (work: Promise<unknown>) =>
  work.then(
    () => "done" as const,
    () => "refused" as const,
  );

describe("the database writes the ledger", () => {
  it("opens it with the stock a variant is created with", async () => {
    const movements = await db.stockMovement.findMany({ where: { variantId: "mug_v0" } });
    expect(movements.map((m) => [m.reason, m.delta])).toEqual([["OPENING", 10]]);
    // A variant created with none has no movement at all (a delta is never 0).
    expect(await db.stockMovement.count({ where: { variantId: "mug_v1" } })).toBe(0);
  });

  it("records an order's stock as SOLD with the order, and a cancellation's as RELEASED", async () => {
    const order = await placeOrder(db, {
      idempotencyScope: "cart:ledger",
      idempotencyKey: randomUUID(),
      userId: null,
      email: "ledger@example.test",
      lines: [{ variantId: "lamp_v0", quantity: 2 }],
    });
    await moveOrder(db, order.id, "CANCELLED");
    const movements = await db.stockMovement.findMany({
      where: { orderId: order.id },
      orderBy: { id: "asc" },
    });
    expect(movements.map((m) => [m.reason, m.delta, m.variantId])).toEqual([
      ["SOLD", -2, "lamp_v0"],
      ["RELEASED", 2, "lamp_v0"],
    ]);
    expect(await onHand("lamp_v0")).toBe(3);
  });

  it("records a change that names no reason as a CORRECTION, so nothing escapes it", async () => {
    await db.$executeRaw`UPDATE "ProductVariant" SET "stockOnHand" = "stockOnHand" + 4 WHERE "id" = 'lamp_v0'`;
    const last = await db.stockMovement.findFirstOrThrow({
      where: { variantId: "lamp_v0" },
      orderBy: { id: "desc" },
    });
    expect([last.reason, last.delta, last.actorId]).toEqual(["CORRECTION", 4, null]);
    await db.$executeRaw`UPDATE "ProductVariant" SET "stockOnHand" = "stockOnHand" - 4 WHERE "id" = 'lamp_v0'`;
  });

  it("keeps the reason to its own transaction", async () => {
    await db.$transaction(async (tx) => {
      await describeStockChange(tx, { reason: "DAMAGED", actorId: staff.id, note: "dropped" });
      await tx.$executeRaw`UPDATE "ProductVariant" SET "stockOnHand" = "stockOnHand" - 1 WHERE "id" = 'mug_v0'`;
    });
    await db.$executeRaw`UPDATE "ProductVariant" SET "stockOnHand" = "stockOnHand" + 1 WHERE "id" = 'mug_v0'`;
    const [later, earlier] = await db.stockMovement.findMany({
      where: { variantId: "mug_v0" },
      orderBy: { id: "desc" },
      take: 2,
    });
    expect([earlier?.reason, earlier?.actorId, earlier?.note]).toEqual(["DAMAGED", staff.id, "dropped"]);
    expect([later?.reason, later?.actorId, later?.note]).toEqual(["CORRECTION", null, null]);
  });

  it("cannot be written, edited or emptied directly", async () => {
    const before = await db.stockMovement.count();
    await expect(
      db.$executeRaw`INSERT INTO "StockMovement" ("variantId", "delta", "reason") VALUES ('mug_v0', 5, 'RECEIVED')`,
    ).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`UPDATE "StockMovement" SET "delta" = 100`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM "StockMovement"`).rejects.toThrow(/append-only/);
    expect(await db.stockMovement.count()).toBe(before);
    expect(await ledgerMismatches(db)).toEqual([]);
  });
});

// One step of the property below: what staff or shoppers might do next.
const step = fc.oneof(
  fc.record({
    kind: fc.constant("adjust" as const),
    variant: fc.constantFrom(...VARIANTS),
    delta: fc.integer({ min: -15, max: 15 }).filter((d) => d !== 0),
    reason: fc.constantFrom("RECEIVED", "DAMAGED", "CORRECTION", "RETURNED" as const),
  }),
  fc.record({
    kind: fc.constant("order" as const),
    lines: fc.uniqueArray(
      fc.record({ variantId: fc.constantFrom(...VARIANTS), quantity: fc.integer({ min: 1, max: 6 }) }),
      { minLength: 1, maxLength: 3, selector: (line) => line.variantId },
    ),
  }),
  fc.record({
    kind: fc.constant("end" as const),
    // Which earlier order, counted from the newest, and how it ends.
    back: fc.nat({ max: 5 }),
    to: fc.constantFrom("CANCELLED", "EXPIRED", "PAID" as const),
  }),
);

describe("on-hand equals the ledger's sum", () => {
  it("after any sequence of adjustments, orders and their ends, refused steps included", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const placed: string[] = [];
        for (const s of steps) {
          if (s.kind === "adjust") {
            // Direction rules (received adds, damaged takes) are the schema's; the service takes any sign.
            await settle(
              adjustStock(db, staff.id, { variantId: s.variant, delta: s.delta, reason: s.reason }, meta),
            );
          } else if (s.kind === "order") {
            const order = placeOrder(db, {
              idempotencyScope: "cart:property",
              idempotencyKey: randomUUID(),
              userId: null,
              email: "property@example.test",
              lines: s.lines,
            });
            await order.then(
              (o) => placed.push(o.id),
              () => undefined,
            );
          } else {
            const id = placed.at(-1 - s.back);
            if (id) await settle(moveOrder(db, id, s.to));
          }
        }
        expect(await ledgerMismatches(db)).toEqual([]);
        const negative = await db.productVariant.count({ where: { stockOnHand: { lt: 0 } } });
        expect(negative).toBe(0);
      }),
      { numRuns: 25, seed: 20261123 },
    );
  });

  it("when adjustments and orders race for the same variant", async () => {
    const work = Array.from({ length: 30 }, (_, i) =>
      i % 3 === 0
        ? adjustStock(
            db,
            staff.id,
            { variantId: "mug_v1", delta: i % 2 === 0 ? 4 : -3, reason: "CORRECTION" },
            meta,
          )
        : placeOrder(db, {
            idempotencyScope: "cart:race",
            idempotencyKey: randomUUID(),
            userId: null,
            email: "race@example.test",
            lines: [{ variantId: "mug_v1", quantity: 1 }],
          }),
    );
    const outcomes = await Promise.all(work.map(settle));
    expect(outcomes).toContain("done");
    expect(await ledgerMismatches(db)).toEqual([]);
    expect(await onHand("mug_v1")).toBeGreaterThanOrEqual(0);
  });
});
