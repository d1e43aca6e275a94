// Helpers for tests that run against the real PostgreSQL prepared by ./global-setup.ts.
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";

import { createDb, type Db } from "../client.ts";
import { createDatabase, dropDatabase } from "../server/admin.ts";
import "./provided.ts";

export interface TestDatabase {
  db: Db;
  url: string;
}

/**
 * A freshly migrated, empty database for the calling test file, dropped after its last test.
 * Call it at the top level of a test file: `const { db } = await createTestDatabase();`.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const templateUrl = inject("bazaarTemplateDatabaseUrl");
  const template = decodeURIComponent(new URL(templateUrl).pathname.slice(1));
  const url = await createDatabase(
    templateUrl,
    `bazaar_test_${inject("bazaarTestRunId")}_${randomBytes(4).toString("hex")}`,
    template,
  );
  const db = createDb(url, { maxConnections: 4 });
  afterAll(async () => {
    await db.$disconnect();
    await dropDatabase(url);
  });
  return { db, url };
}
