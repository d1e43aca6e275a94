// pnpm db:reset: drop everything in the database, re-apply every migration, seed again.
import { readDbEnv } from "../src/env.ts";
import { withDatabase } from "../src/server/admin.ts";
import { openAppDatabase } from "../src/server/databases.ts";
import { log, runScript } from "./cli.ts";

runScript(async () => {
  const env = readDbEnv();
  const empty = await openAppDatabase(env, log, { seed: false });
  await withDatabase(empty.url, (c) => c.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"));
  await empty.close();
  log("dropped every table");
  const database = await openAppDatabase(env, log);
  await database.close();
});
