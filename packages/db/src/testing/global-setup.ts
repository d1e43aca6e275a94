// Vitest global setup for every package whose tests need PostgreSQL: one server per test run
// (DATABASE_URL's server, or a throwaway embedded one), holding one migrated template database.
// Each test file then copies the template (CREATE DATABASE ... TEMPLATE), which takes tens of
// milliseconds, so files run in parallel on databases of their own.
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

import { readDbEnv } from "../env.ts";
import { checkReachable, createDatabase, databaseUrl, dropDatabase, withDatabase } from "../server/admin.ts";
import { startEmbeddedPostgres } from "../server/embedded.ts";
import { applyMigrations } from "../server/migrations.ts";
import "./provided.ts";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const env = readDbEnv();
  const runId = randomBytes(4).toString("hex");
  const name = `bazaar_template_${runId}`;
  let serverUrl = env.DATABASE_URL;
  let stopServer: () => Promise<void> = () => Promise.resolve();
  if (serverUrl) {
    await checkReachable(serverUrl);
  } else {
    const server = await startEmbeddedPostgres({ dataDir: path.join(tmpdir(), name), ephemeral: true });
    serverUrl = server.url;
    stopServer = () => server.stop();
  }
  const templateUrl = await createDatabase(serverUrl, name);
  await applyMigrations(templateUrl);
  project.provide("bazaarTemplateDatabaseUrl", templateUrl);
  project.provide("bazaarTestRunId", runId);
  return async () => {
    // Every database this run made, including any a killed test file left behind.
    const leftovers = await withDatabase(templateUrl, async (c) => {
      const { rows } = await c.query<{ datname: string }>(
        "select datname from pg_database where datname like $1",
        [`bazaar_test_${runId}_%`],
      );
      return rows.map((r) => databaseUrl(templateUrl, r.datname));
    });
    for (const url of [...leftovers, templateUrl]) await dropDatabase(url);
    await stopServer();
  };
}
