// Orders written straight to the table at known times and amounts, for tests that assert exact
// figures (the dashboard, a customer's spending). The checkout's own path is tested elsewhere.
import type { Db, OrderStatus } from "@bazaar/db";

let next = 0;

export interface OrderRow {
  userId?: string | null;
  email?: string;
  status?: OrderStatus;
  currency?: string;
  totalAmount: number;
  refundedAmount?: number;
  createdAt: Date;
  paidAt?: Date | null;
}

export async function insertOrder(db: Db, row: OrderRow) {
  next += 1;
  return db.order.create({
    data: {
      userId: row.userId ?? null,
      email: row.email ?? `buyer${next}@example.com`,
      status: row.status ?? (row.paidAt ? "PAID" : "PENDING_PAYMENT"),
      currency: row.currency ?? "USD",
      subtotalAmount: row.totalAmount,
      totalAmount: row.totalAmount,
      refundedAmount: row.refundedAmount ?? 0,
      idempotencyScope: "test",
      idempotencyKey: `order-${next}-${Math.random().toString(36).slice(2)}`,
      requestHash: "test",
      createdAt: row.createdAt,
      paidAt: row.paidAt ?? null,
    },
    select: { id: true, number: true, createdAt: true },
  });
}
