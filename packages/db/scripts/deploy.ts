// pnpm db:deploy: apply the pending migrations, nothing else (what a release runs).
import { readDbEnv } from "../src/env.ts";
import { openAppDatabase } from "../src/server/databases.ts";
import { log, runScript } from "./cli.ts";

runScript(async () => {
  const database = await openAppDatabase(readDbEnv(), log, { seed: false });
  await database.close();
  log("the database is up to date");
});
