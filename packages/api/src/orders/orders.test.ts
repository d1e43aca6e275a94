// Placing, paying, cancelling and expiring orders against the real database: stock never goes
// below zero, retries have one effect, and only the moves in status.ts happen.
import { randomUUID } from "node:crypto";

import { createTestDatabase } from "@bazaar/db/testing";
import type { OrderStatus } from "@bazaar/db";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";

import { insertCatalog, T0 } from "../../test/catalog-fixtures.ts";
import {
  expireUnpaidOrders,
  moveOrder,
  OutOfStockError,
  placeOrder,
  RESERVATION_MINUTES,
  type PlaceOrderInput,
} from "./service.ts";
import { canTransition, ORDER_TRANSITIONS } from "./status.ts";

const { db } = await createTestDatabase();
await insertCatalog(db, [
  { id: "hot", categoryId: "cat_a", createdAt: T0, variants: [[2500, 20]] },
  {
    id: "two",
    categoryId: "cat_a",
    createdAt: T0,
    variants: [
      [1000, 50],
      [1200, 50],
    ],
  },
  { id: "euro", categoryId: "cat_b", createdAt: T0, variants: [[900, 50]] },
]);
await db.productVariant.update({ where: { id: "euro_v0" }, data: { currency: "EUR" } });

const stock = async (variantId: string) =>
  (await db.productVariant.findUniqueOrThrow({ where: { id: variantId } })).stockOnHand;
const setStock = (variantId: string, stockOnHand: number) =>
  db.productVariant.update({ where: { id: variantId }, data: { stockOnHand } });

function order(lines: PlaceOrderInput["lines"], overrides: Partial<PlaceOrderInput> = {}): PlaceOrderInput {
  return {
    idempotencyScope: "cart:test",
    idempotencyKey: randomUUID(),
    userId: null,
    email: "shopper@example.test",
    lines,
    ...overrides,
  };
}

async function outcome<T>(work: Promise<T>): Promise<{ ok: T } | { error: unknown }> {
  try {
    return { ok: await work };
  } catch (error) {
    return { error };
  }
}

describe("placing an order", () => {
  it("takes the stock and keeps the prices, names and total as they are now", async () => {
    const placed = await placeOrder(
      db,
      order([
        { variantId: "two_v0", quantity: 2 },
        { variantId: "two_v1", quantity: 1 },
      ]),
      T0,
    );
    expect(placed).toMatchObject({
      status: "PENDING_PAYMENT",
      currency: "USD",
      subtotalAmount: 3200,
      totalAmount: 3200,
      reservedUntil: new Date(T0.getTime() + RESERVATION_MINUTES * 60_000),
    });
    expect(placed.lines.map((l) => [l.sku, l.unitAmount, l.quantity, l.lineAmount])).toEqual([
      ["TWO-0", 1000, 2, 2000],
      ["TWO-1", 1200, 1, 1200],
    ]);
    expect([await stock("two_v0"), await stock("two_v1")]).toEqual([48, 49]);
    // A later price change does not touch the order.
    await db.productVariant.update({ where: { id: "two_v0" }, data: { priceAmount: 5 } });
    const stored = await db.order.findUniqueOrThrow({ where: { id: placed.id }, include: { lines: true } });
    expect(stored.subtotalAmount).toBe(3200);
    await db.productVariant.update({ where: { id: "two_v0" }, data: { priceAmount: 1000 } });
  });

  it("adds up repeated lines for the same variant", async () => {
    const placed = await placeOrder(
      db,
      order([
        { variantId: "two_v0", quantity: 1 },
        { variantId: "two_v0", quantity: 2 },
      ]),
    );
    expect(placed.lines).toHaveLength(1);
    expect(placed.lines[0]?.quantity).toBe(3);
  });

  it("refuses a line it cannot fill and changes nothing, not even the lines it could", async () => {
    const before = [await stock("two_v0"), await stock("hot_v0")];
    const orders = await db.order.count();
    const result = await outcome(
      placeOrder(
        db,
        order([
          { variantId: "two_v0", quantity: 1 },
          { variantId: "hot_v0", quantity: 999 },
        ]),
      ),
    );
    expect("error" in result && result.error).toBeInstanceOf(OutOfStockError);
    expect(("error" in result ? (result.error as OutOfStockError) : null)?.stockConflicts).toEqual([
      {
        variantId: "hot_v0",
        productName: "Product hot",
        variantName: "Variant 0",
        requested: 999,
        available: before[1],
      },
    ]);
    expect([await stock("two_v0"), await stock("hot_v0")]).toEqual(before);
    expect(await db.order.count()).toBe(orders);
  });

  it.each([
    ["an unknown variant", [{ variantId: "nope", quantity: 1 }], "lines"],
    [
      "two currencies",
      [
        { variantId: "two_v0", quantity: 1 },
        { variantId: "euro_v0", quantity: 1 },
      ],
      "lines",
    ],
  ])("refuses %s as a 400 on the field", async (_, lines, field) => {
    const result = await outcome(placeOrder(db, order(lines)));
    expect("error" in result && result.error instanceof TRPCError && result.error.code).toBe("BAD_REQUEST");
    expect(
      Object.keys((("error" in result && result.error) as { fieldErrors?: object }).fieldErrors ?? {}),
    ).toEqual([field]);
  });
});

describe("200 shoppers, 20 in stock", () => {
  it.each([1, 2, 3])(
    "run %i: exactly 20 orders, 180 out of stock, nothing else, stock exactly 0",
    async () => {
      await setStock("hot_v0", 20);
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          outcome(
            placeOrder(db, order([{ variantId: "hot_v0", quantity: 1 }], { idempotencyScope: `cart:${i}` })),
          ),
        ),
      );
      const placed = results.filter((r) => "ok" in r);
      const refused = results.filter((r) => "error" in r);
      expect(placed).toHaveLength(20);
      expect(refused).toHaveLength(180);
      expect(refused.every((r) => "error" in r && r.error instanceof OutOfStockError)).toBe(true);
      expect(await stock("hot_v0")).toBe(0);
    },
  );
});

describe("idempotency", () => {
  it("a retry with the same key returns the first order and takes no more stock", async () => {
    const request = order([{ variantId: "two_v1", quantity: 2 }]);
    const before = await stock("two_v1");
    const first = await placeOrder(db, request);
    const again = await placeOrder(db, { ...request, lines: [...request.lines] });
    expect(again.id).toBe(first.id);
    expect(await stock("two_v1")).toBe(before - 2);
  });

  it("ten racing retries make one order", async () => {
    const request = order([{ variantId: "two_v1", quantity: 1 }]);
    const before = await stock("two_v1");
    const results = await Promise.all(Array.from({ length: 10 }, () => placeOrder(db, request)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await stock("two_v1")).toBe(before - 1);
    expect(await db.order.count({ where: { idempotencyKey: request.idempotencyKey } })).toBe(1);
  });

  it("racing retries for the last item: both get the one order, not an out-of-stock", async () => {
    await setStock("hot_v0", 1);
    const request = order([{ variantId: "hot_v0", quantity: 1 }]);
    const results = await Promise.all([placeOrder(db, request), placeOrder(db, request)]);
    expect(results[0].id).toBe(results[1].id);
    expect(await stock("hot_v0")).toBe(0);
  });

  it("the same key with a different request is a 422 on the key and changes nothing", async () => {
    const request = order([{ variantId: "two_v1", quantity: 1 }]);
    await placeOrder(db, request);
    const before = await stock("two_v1");
    const result = await outcome(
      placeOrder(db, { ...request, lines: [{ variantId: "two_v1", quantity: 2 }] }),
    );
    expect("error" in result && result.error instanceof TRPCError && result.error.code).toBe(
      "UNPROCESSABLE_CONTENT",
    );
    expect((("error" in result && result.error) as { fieldErrors?: object }).fieldErrors).toHaveProperty(
      "idempotencyKey",
    );
    expect(await stock("two_v1")).toBe(before);
  });

  it("keys belong to their scope: another cart's same key is another order", async () => {
    const key = randomUUID();
    const a = await placeOrder(
      db,
      order([{ variantId: "two_v1", quantity: 1 }], { idempotencyKey: key, idempotencyScope: "cart:a" }),
    );
    const b = await placeOrder(
      db,
      order([{ variantId: "two_v1", quantity: 1 }], { idempotencyKey: key, idempotencyScope: "cart:b" }),
    );
    expect(a.id).not.toBe(b.id);
  });
});

describe("order status", () => {
  const STATUSES = Object.keys(ORDER_TRANSITIONS) as OrderStatus[];
  /** A path from an unpaid order to `status` through allowed moves. */
  const PATH: Record<OrderStatus, OrderStatus[]> = {
    PENDING_PAYMENT: [],
    PAID: ["PAID"],
    FULFILLED: ["PAID", "FULFILLED"],
    REFUNDED: ["PAID", "REFUNDED"],
    CANCELLED: ["CANCELLED"],
    EXPIRED: ["EXPIRED"],
  };
  async function orderIn(status: OrderStatus) {
    let placed = await placeOrder(db, order([{ variantId: "two_v0", quantity: 1 }]));
    for (const step of PATH[status]) placed = await moveOrder(db, placed.id, step);
    return placed;
  }

  for (const from of STATUSES) {
    for (const to of STATUSES) {
      const allowed = canTransition(from, to);
      it(`${from} → ${to} is ${allowed ? "allowed" : "refused with a 409, changing nothing"}`, async () => {
        const placed = await orderIn(from);
        const stockBefore = await stock("two_v0");
        const result = await outcome(moveOrder(db, placed.id, to));
        const stored = await db.order.findUniqueOrThrow({ where: { id: placed.id } });
        if (allowed) {
          expect("ok" in result).toBe(true);
          expect(stored.status).toBe(to);
        } else {
          expect("error" in result && result.error instanceof TRPCError && result.error.code).toBe(
            "CONFLICT",
          );
          expect(stored.status).toBe(from);
          expect(stored.updatedAt).toEqual(placed.updatedAt);
          expect(await stock("two_v0")).toBe(stockBefore);
        }
      });
    }
  }

  it("cancelling an unpaid order puts its stock back; refunding a paid one does not restock", async () => {
    const before = await stock("two_v0");
    const unpaid = await placeOrder(db, order([{ variantId: "two_v0", quantity: 3 }]));
    expect(await stock("two_v0")).toBe(before - 3);
    await moveOrder(db, unpaid.id, "CANCELLED");
    expect(await stock("two_v0")).toBe(before);

    const paid = await placeOrder(db, order([{ variantId: "two_v0", quantity: 2 }]));
    await moveOrder(db, paid.id, "PAID");
    await moveOrder(db, paid.id, "REFUNDED");
    expect(await stock("two_v0")).toBe(before - 2);
  });

  it("cancelling a paid order that has not shipped puts its stock back too; a shipped one cannot be cancelled", async () => {
    const before = await stock("two_v0");
    const paid = await placeOrder(db, order([{ variantId: "two_v0", quantity: 4 }]));
    await moveOrder(db, paid.id, "PAID");
    await moveOrder(db, paid.id, "CANCELLED");
    expect(await stock("two_v0")).toBe(before);
    const released = await db.stockMovement.findMany({ where: { orderId: paid.id, reason: "RELEASED" } });
    expect(released.map((m) => [m.variantId, m.delta])).toEqual([["two_v0", 4]]);

    const shipped = await placeOrder(db, order([{ variantId: "two_v0", quantity: 1 }]));
    await moveOrder(db, shipped.id, "PAID");
    await moveOrder(db, shipped.id, "FULFILLED");
    const result = await outcome(moveOrder(db, shipped.id, "CANCELLED"));
    expect("error" in result && result.error instanceof TRPCError && result.error.message).toBe(
      "An order that is shipped cannot become cancelled.",
    );
    expect(await stock("two_v0")).toBe(before - 1);
  });

  it("two racing moves from the same status: one wins, the other is a 409", async () => {
    const placed = await placeOrder(db, order([{ variantId: "two_v0", quantity: 1 }]));
    const before = await stock("two_v0");
    const results = await Promise.all([
      outcome(moveOrder(db, placed.id, "PAID")),
      outcome(moveOrder(db, placed.id, "CANCELLED")),
    ]);
    expect(results.filter((r) => "ok" in r)).toHaveLength(1);
    const stored = await db.order.findUniqueOrThrow({ where: { id: placed.id } });
    // Stock came back only if the cancel won.
    expect(await stock("two_v0")).toBe(stored.status === "CANCELLED" ? before + 1 : before);
  });

  it("an unknown order is a 404", async () => {
    const result = await outcome(moveOrder(db, "nope", "PAID"));
    expect("error" in result && result.error instanceof TRPCError && result.error.code).toBe("NOT_FOUND");
  });
});

describe("expiry of unpaid orders", () => {
  it("expires only unpaid orders past their hold, and returns their stock", async () => {
    await setStock("hot_v0", 10);
    const late = await placeOrder(db, order([{ variantId: "hot_v0", quantity: 4 }]), T0);
    const paid = await placeOrder(db, order([{ variantId: "hot_v0", quantity: 1 }]), T0);
    await moveOrder(db, paid.id, "PAID");
    const fresh = await placeOrder(
      db,
      order([{ variantId: "hot_v0", quantity: 2 }]),
      new Date(T0.getTime() + 20 * 60_000),
    );
    expect(await stock("hot_v0")).toBe(3);

    const expired = await expireUnpaidOrders(db, new Date(T0.getTime() + (RESERVATION_MINUTES + 1) * 60_000));
    expect(expired).toContain(late.id);
    expect(expired).not.toContain(fresh.id);
    expect(expired).not.toContain(paid.id);
    expect((await db.order.findUniqueOrThrow({ where: { id: late.id } })).status).toBe("EXPIRED");
    expect(await stock("hot_v0")).toBe(7);
    // Running again finds nothing more to do.
    expect(
      await expireUnpaidOrders(db, new Date(T0.getTime() + (RESERVATION_MINUTES + 1) * 60_000)),
    ).not.toContain(late.id);
  });
});

describe("what the database itself refuses", () => {
  it("a total that is not the sum of its parts, or a line of zero", async () => {
    const placed = await placeOrder(db, order([{ variantId: "two_v0", quantity: 1 }]));
    await expect(db.order.update({ where: { id: placed.id }, data: { totalAmount: 1 } })).rejects.toThrow(
      /Order_total_is_sum/,
    );
    await expect(
      db.orderLine.update({ where: { id: placed.lines[0]?.id ?? "" }, data: { quantity: 0, lineAmount: 0 } }),
    ).rejects.toThrow(/OrderLine_quantity_positive/);
  });
});
