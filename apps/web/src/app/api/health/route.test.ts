import { createDb, type Db } from "@bazaar/db";
import { createTestDatabase } from "@bazaar/db/testing";
import { afterEach, describe, expect, it } from "vitest";

import { GET } from "./route";

const { db } = await createTestDatabase();
// The route reads the process's one client from here (see ~/server/db).
const holder = globalThis as typeof globalThis & { bazaarDb?: Db };

afterEach(() => {
  delete holder.bazaarDb;
});

describe("GET /api/health", () => {
  it("answers 200 ok, uncached, while the database answers", async () => {
    holder.bazaarDb = db;
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers 503 when the database does not", async () => {
    const down = createDb("postgresql://nobody@127.0.0.1:1/none", { maxConnections: 1 });
    holder.bazaarDb = down;
    try {
      const response = await GET();
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
      expect(await response.json()).toEqual({ status: "unavailable" });
    } finally {
      await down.$disconnect();
    }
  });
});
