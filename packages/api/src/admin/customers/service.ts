// The people with accounts, as staff see them: who they are, what they ordered, and (admins only)
// their role. A role change is audited and takes effect at once, sessions included: a session's
// lifetimes follow the role it has now (@bazaar/auth resolveSession).
import type { RequestMeta } from "@bazaar/auth";
import { Prisma, type Db, type OrderStatus, type Role } from "@bazaar/db";
import type { AdminCursor, AdminPage, Money } from "@bazaar/validators";
import { TRPCError } from "@trpc/server";

import { recordChange } from "../../audit/record.ts";
import { notFound } from "../../errors.ts";
import { afterCursor, keysetPage } from "../keyset.ts";

interface PageInput {
  cursor?: AdminCursor | null | undefined;
  limit: number;
}

export interface CustomerRow {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  verified: boolean;
  createdAt: Date;
  /** Every order they placed, whatever became of it. */
  orderCount: number;
  /** Their paid orders' totals less refunds, per currency. */
  spent: Money[];
}

/** Order counts and money spent for these people, in one grouped query. */
async function orderStats(db: Db, userIds: string[]) {
  const stats = new Map<string, { orderCount: number; spent: Money[] }>();
  if (userIds.length === 0) return stats;
  const rows = await db.$queryRaw<{ userId: string; currency: string; orders: number; spent: bigint }[]>`
    SELECT "userId", trim("currency") AS "currency", count(*)::int AS "orders",
           coalesce(sum("totalAmount" - "refundedAmount") FILTER (WHERE "paidAt" IS NOT NULL), 0)::bigint AS "spent"
    FROM "Order"
    WHERE "userId" IN (${Prisma.join(userIds)})
    GROUP BY 1, 2
    ORDER BY 1, 2`;
  for (const row of rows) {
    const entry = stats.get(row.userId) ?? { orderCount: 0, spent: [] };
    entry.orderCount += row.orders;
    if (row.spent > 0n) entry.spent.push({ amount: Number(row.spent), currency: row.currency });
    stats.set(row.userId, entry);
  }
  return stats;
}

/** People with accounts, newest first, by any part of their email or name, optionally one role. */
export async function listCustomers(
  db: Db,
  input: PageInput & { search?: string | undefined; role?: Role | undefined },
): Promise<AdminPage<CustomerRow>> {
  const where: Prisma.UserWhereInput = {
    deletedAt: null,
    ...(input.role ? { role: input.role } : {}),
    ...(input.search
      ? {
          OR: [
            { email: { contains: input.search, mode: "insensitive" } },
            { name: { contains: input.search, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.user.findMany({
      where: { AND: [where, afterCursor(input.cursor)] },
      select: { id: true, email: true, name: true, role: true, emailVerified: true, createdAt: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
    }),
    db.user.count({ where }),
  ]);
  const { items, nextCursor } = keysetPage(rows, input.limit);
  const stats = await orderStats(
    db,
    items.map((user) => user.id),
  );
  return {
    items: items.map(({ emailVerified, ...user }) => ({
      ...user,
      verified: emailVerified !== null,
      orderCount: stats.get(user.id)?.orderCount ?? 0,
      spent: stats.get(user.id)?.spent ?? [],
    })),
    nextCursor,
    total,
  };
}

export interface CustomerOrderRow {
  id: string;
  number: number;
  createdAt: Date;
  status: OrderStatus;
  total: Money;
  refunded: number;
}

/** One person's profile and a page of their orders, newest first; a deleted account is not found. */
export async function getCustomer(db: Db, input: PageInput & { id: string }, now = new Date()) {
  const user = await db.user.findUnique({
    where: { id: input.id },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      emailVerified: true,
      createdAt: true,
      deletedAt: true,
    },
  });
  if (!user || user.deletedAt) throw notFound("That customer");
  const [sessions, rows, orderTotal, stats] = await Promise.all([
    db.session.count({ where: { userId: user.id, expires: { gt: now } } }),
    // Order_userId_createdAt_idx.
    db.order.findMany({
      where: { AND: [{ userId: user.id }, afterCursor(input.cursor)] },
      select: {
        id: true,
        number: true,
        createdAt: true,
        status: true,
        totalAmount: true,
        refundedAmount: true,
        currency: true,
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
    }),
    db.order.count({ where: { userId: user.id } }),
    orderStats(db, [user.id]),
  ]);
  const { items, nextCursor } = keysetPage(rows, input.limit);
  return {
    customer: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      verified: user.emailVerified !== null,
      createdAt: user.createdAt,
      sessions,
      spent: stats.get(user.id)?.spent ?? [],
    },
    orders: {
      items: items.map((order): CustomerOrderRow => ({
        id: order.id,
        number: order.number,
        createdAt: order.createdAt,
        status: order.status,
        total: { amount: order.totalAmount, currency: order.currency.trim() },
        refunded: order.refundedAmount,
      })),
      nextCursor,
      total: orderTotal,
    } satisfies AdminPage<CustomerOrderRow>,
  };
}

/**
 * Give someone a role (admins only: the router's rule). The shop always keeps at least one admin:
 * the target and every admin are locked first, in id order (so two admins demoting each other at
 * once take turns rather than deadlock), and the second of them finds itself the last admin.
 */
export async function setRole(
  db: Db,
  actorId: string,
  input: { userId: string; role: Role },
  meta: RequestMeta,
) {
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string; role: Role }[]>`
      SELECT "id", "role" FROM "User"
      WHERE ("id" = ${input.userId} OR "role" = 'ADMIN') AND "deletedAt" IS NULL
      ORDER BY "id"
      FOR UPDATE`;
    const target = locked.find((user) => user.id === input.userId);
    if (!target) throw notFound("That user");
    if (target.role === input.role) return { id: target.id, role: target.role };
    if (target.role === "ADMIN" && locked.filter((user) => user.role === "ADMIN").length <= 1)
      throw new TRPCError({ code: "CONFLICT", message: "The shop must keep at least one admin." });
    const updated = await tx.user.update({
      where: { id: target.id },
      data: { role: input.role },
      select: { id: true, role: true },
    });
    await recordChange(
      tx,
      {
        action: "user.role_changed",
        actorId,
        targetType: "user",
        targetId: target.id,
        before: { role: target.role },
        after: { role: updated.role },
      },
      meta,
    );
    return updated;
  });
}
