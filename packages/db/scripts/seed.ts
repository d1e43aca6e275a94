// pnpm db:seed: fill an empty catalog with the deterministic development data.
import { readDbEnv } from "../src/env.ts";
import { openAppDatabase } from "../src/server/databases.ts";
import { log, runScript } from "./cli.ts";

runScript(async () => {
  let seeded = false;
  const database = await openAppDatabase(readDbEnv(), (line) => {
    seeded ||= line.startsWith("seeded");
    log(line);
  });
  await database.close();
  if (!seeded) log("the catalog already has data; `pnpm db:reset` empties and reseeds it");
});
