// Property-based fuzzing over HTTP (harness.ts): sign-up, sign-in and the account's own procedures.
import { createTestDatabase } from "@bazaar/db/testing";
import { afterAll, expect, it } from "vitest";

import { fuzzTrpc, openFuzzWorld, report } from "./harness.ts";

const { db } = await createTestDatabase();
const world = await openFuzzWorld(db);
afterAll(() => world.server.close());

it("no account call answers a 5xx, whoever sends what", { timeout: 600_000 }, async () => {
  const result = await fuzzTrpc(world, ["account."]);
  console.log(report("account procedures", result));
  expect(result.findings).toEqual([]);
});
