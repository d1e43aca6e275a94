// Node-only entry points: starting, migrating and preparing databases. Never import from a browser bundle.
export { checkReachable, createDatabase, databaseUrl, dropDatabase, withDatabase } from "./admin.ts";
export { openAppDatabase, openScratchDatabase, type OpenedDatabase } from "./databases.ts";
export { startEmbeddedPostgres, type EmbeddedServer } from "./embedded.ts";
export { applyMigrations, createMigration, isMigrated } from "./migrations.ts";
export { readDbEnv, type DbEnv } from "../env.ts";
