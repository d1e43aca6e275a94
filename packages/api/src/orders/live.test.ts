// Live order progress: notices travel with the commit (LISTEN/NOTIFY) to every subscriber, and a
// lost listening connection is noticed, re-read and reopened.
import { randomUUID } from "node:crypto";

import { createTestDatabase } from "@bazaar/db/testing";
import { afterAll, describe, expect, it } from "vitest";

import { insertCatalog, T0 } from "../../test/catalog-fixtures.ts";
import { createOrderFeed } from "./live.ts";
import { moveOrder, moveOrderWithin, placeOrder } from "./service.ts";
import { watchOrder } from "./watch.ts";

const { db, url } = await createTestDatabase();
await insertCatalog(db, [{ id: "cup", categoryId: "cat_a", createdAt: T0, variants: [[900, 30]] }]);
const feed = createOrderFeed(url);
afterAll(() => feed.close());

const place = () =>
  placeOrder(db, {
    idempotencyScope: `cart:${randomUUID()}`,
    idempotencyKey: randomUUID(),
    userId: null,
    email: "live@example.test",
    lines: [{ variantId: "cup_v0", quantity: 1 }],
  });

async function eventually(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The next state the watcher sends, or a failure after a few seconds (bounded, never a hang). */
async function next<T>(iterator: AsyncIterator<T>, ms = 5_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no update within ${ms} ms`)), ms);
  });
  try {
    const result = await Promise.race([iterator.next(), timeout]);
    if (result.done) throw new Error("the watcher ended");
    return result.value;
  } finally {
    clearTimeout(timer);
  }
}

describe("watching an order", () => {
  it("sends the state now, then each committed change; a rolled-back change sends nothing", async () => {
    const order = await place();
    const stop = new AbortController();
    const watcher = watchOrder(db, feed, order.id, stop.signal);
    expect(await next(watcher)).toMatchObject({ status: "PENDING_PAYMENT", payments: [] });
    await expect(
      db.$transaction(async (tx) => {
        await moveOrderWithin(tx, order.id, "PAID");
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await moveOrder(db, order.id, "CANCELLED");
    const cancelled = await next(watcher);
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.cancelledAt).toBeInstanceOf(Date);
    stop.abort();
    expect(await watcher.next()).toEqual({ done: true, value: undefined });
  });

  it("survives losing the listening connection: everyone re-reads, and later notices still arrive", async () => {
    const order = await place();
    const stop = new AbortController();
    const watcher = watchOrder(db, feed, order.id, stop.signal);
    expect(await next(watcher)).toMatchObject({ status: "PENDING_PAYMENT" });
    const killed = await db.$queryRaw<{ pg_terminate_backend: boolean }[]>`
      SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE application_name = 'bazaar-order-feed' AND datname = current_database()`;
    expect(killed).toHaveLength(1);
    // A change made while nobody listened is still seen: the feed reconnects and everyone re-reads.
    await moveOrder(db, order.id, "PAID");
    expect(await next(watcher)).toMatchObject({ status: "PAID" });
    await eventually(async () => {
      const [row] = await db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE application_name = 'bazaar-order-feed' AND datname = current_database()`;
      return row?.n === 1;
    });
    // Listening again: the next change arrives as a notice, well before the 15-second re-check.
    await moveOrder(db, order.id, "FULFILLED");
    expect(await next(watcher)).toMatchObject({ status: "FULFILLED" });
    stop.abort();
  });
});
