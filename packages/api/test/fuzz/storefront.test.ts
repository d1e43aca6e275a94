// Property-based fuzzing over HTTP (harness.ts): the shopper's procedures.
import { createTestDatabase } from "@bazaar/db/testing";
import { afterAll, expect, it } from "vitest";

import { fuzzTrpc, openFuzzWorld, report } from "./harness.ts";

const { db } = await createTestDatabase();
const world = await openFuzzWorld(db);
afterAll(() => world.server.close());

it(
  "no catalog, cart, checkout, order or payment call answers a 5xx, whoever sends what",
  { timeout: 600_000 },
  async () => {
    const result = await fuzzTrpc(world, ["catalog.", "cart.", "checkout.", "orders.", "payments."]);
    console.log(report("storefront procedures", result));
    expect(result.findings).toEqual([]);
    // The shop still answers afterwards.
    expect(await db.product.count()).toBeGreaterThan(0);
  },
);
