// Every admin procedure, for every kind of caller. The rows live per area in test/admin-access/;
// a procedure under `admin.` without a row fails the first test, so none can be added unguarded.
import { createTestDatabase } from "@bazaar/db/testing";
import { beforeAll, describe, expect, it } from "vitest";

import { appRouter } from "../src/root.ts";
import { signInPersonas, type Persona, type SignedIn } from "./accounts.ts";
import { apiKeysRows } from "./admin-access/api-keys.ts";
import { auditRows } from "./admin-access/audit.ts";
import { categoriesRows } from "./admin-access/categories.ts";
import { customersRows } from "./admin-access/customers.ts";
import { dashboardRows } from "./admin-access/dashboard.ts";
import { ordersRows } from "./admin-access/orders.ts";
import { productsRows } from "./admin-access/products.ts";
import type { AdminAccessRow } from "./admin-access/rows.ts";
import { stockRows } from "./admin-access/stock.ts";
import { webhooksRows } from "./admin-access/webhooks.ts";
import { callHttp } from "./http.ts";

const ROWS: AdminAccessRow[] = [
  ...dashboardRows,
  ...productsRows,
  ...categoriesRows,
  ...stockRows,
  ...ordersRows,
  ...customersRows,
  ...auditRows,
  ...apiKeysRows,
  ...webhooksRows,
];

const { db } = await createTestDatabase();
let people: Record<Persona, SignedIn>;
beforeAll(async () => {
  people = await signInPersonas(db);
});

type Caller = "anonymous" | Persona;
const CALLERS: Caller[] = ["anonymous", "customerA", "customerB", "staff", "admin"];

it("every admin procedure has a row", () => {
  const procedures = Object.keys(appRouter._def.procedures).filter((path) => path.startsWith("admin."));
  expect(procedures.length).toBeGreaterThan(0);
  expect(ROWS.map((row) => row.path).sort()).toEqual(procedures.sort());
});

describe.each(ROWS)("$path ($who)", (row) => {
  it.each(CALLERS)("%s", async (caller) => {
    const { status } = await callHttp(db, row.path, {
      mutation: row.mutation,
      input: row.input,
      token: caller === "anonymous" ? undefined : people[caller].token,
    });
    if (caller === "anonymous") expect(status).toBe(401);
    else if (caller === "customerA" || caller === "customerB") expect(status).toBe(403);
    else if (caller === "staff" && row.who === "admin") expect(status).toBe(403);
    else {
      // Past the access rule: the call runs (200), or its input names nothing that exists (404),
      // or is refused for the shop's state (409); never refused as a caller, never invalid input.
      expect([200, 404, 409]).toContain(status);
    }
  });
});
