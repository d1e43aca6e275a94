// Property-based fuzzing over HTTP (harness.ts): every admin console procedure, as every caller
// (the customers' and the anonymous caller's answers are refusals; staff and admins reach the rules).
import { createTestDatabase } from "@bazaar/db/testing";
import { afterAll, expect, it } from "vitest";

import { fuzzTrpc, openFuzzWorld, report } from "./harness.ts";

const { db } = await createTestDatabase();
const world = await openFuzzWorld(db);
afterAll(() => world.server.close());

it("no admin call answers a 5xx, whoever sends what", { timeout: 600_000 }, async () => {
  const result = await fuzzTrpc(world, ["admin."]);
  console.log(report("admin procedures", result));
  expect(result.findings).toEqual([]);
});
