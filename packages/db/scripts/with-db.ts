#!/usr/bin/env tsx
// with-db [--scratch <purpose>] -- <command...>
// Opens Bazaar's database (DATABASE_URL, or the embedded PostgreSQL), migrates it, seeds it when
// empty, then runs the command with DATABASE_URL pointing at it, and stops what it started after.
// --scratch gives the command a new database of its own that is dropped afterwards (e2e tests).
import { spawn } from "node:child_process";

import { readDbEnv } from "../src/env.ts";
import { openAppDatabase, openScratchDatabase } from "../src/server/databases.ts";
import { log, runScript } from "./cli.ts";

runScript(async () => {
  const args = process.argv.slice(2);
  const separator = args.indexOf("--");
  const command = separator === -1 ? [] : args.slice(separator + 1);
  const flags = separator === -1 ? args : args.slice(0, separator);
  const scratchAt = flags.indexOf("--scratch");
  const purpose = scratchAt === -1 ? undefined : flags[scratchAt + 1];
  const [program, ...programArgs] = command;
  if (!program || (scratchAt !== -1 && !purpose?.match(/^[a-z0-9_]+$/))) {
    console.error("usage: with-db [--scratch <purpose>] -- <command> [args...]");
    return 2;
  }

  const env = readDbEnv();
  const database = purpose
    ? await openScratchDatabase(env, log, { seed: true, purpose })
    : await openAppDatabase(env, log);

  const child = spawn(program, programArgs, {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: database.url },
  });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on("SIGINT", forward("SIGINT"));
  process.on("SIGTERM", forward("SIGTERM"));
  const code = await new Promise<number>((resolve) => {
    child.on("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 128 : 1)));
    child.on("error", (error) => {
      console.error(`[db] could not run ${program}: ${error.message}`);
      resolve(127);
    });
  });
  await database.close();
  return code;
});
