// pnpm db:migrate [name] [--create-only]
// After an edit to prisma/schema.prisma: writes prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL that brings the migration history up to the schema, then applies it.
// --create-only writes it without applying, to hand-edit first (CHECK constraints, data moves).
import { readDbEnv } from "../src/env.ts";
import { openAppDatabase } from "../src/server/databases.ts";
import { applyMigrations, createMigration } from "../src/server/migrations.ts";
import { log, runScript } from "./cli.ts";

runScript(async () => {
  const args = process.argv.slice(2);
  const createOnly = args.includes("--create-only");
  const name = args.find((a) => !a.startsWith("--")) ?? "migration";
  const database = await openAppDatabase(readDbEnv(), log, { seed: false });
  try {
    const folder = await createMigration(database.url, name);
    if (!folder) {
      log("the schema matches the migrations; nothing to create");
      return;
    }
    log(`wrote prisma/migrations/${folder}/migration.sql`);
    if (!createOnly) log(`applied: ${(await applyMigrations(database.url)).join(", ")}`);
  } finally {
    await database.close();
  }
});
