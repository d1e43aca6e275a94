// Property-based fuzzing over HTTP (harness.ts): every REST v1 operation, with no key, with a
// session token (which REST refuses) and with a key holding every scope.
import { createTestDatabase } from "@bazaar/db/testing";
import { afterAll, expect, it } from "vitest";

import { fuzzRest, openFuzzWorld, report } from "./harness.ts";

const { db } = await createTestDatabase();
const world = await openFuzzWorld(db);
afterAll(() => world.server.close());

it("no REST operation answers a 5xx, whoever sends what", { timeout: 600_000 }, async () => {
  const result = await fuzzRest(world);
  console.log(report("REST operations", result));
  expect(result.findings).toEqual([]);
});
