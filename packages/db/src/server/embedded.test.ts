// Loading the embedded server must not change how a process ends: a test runner that sets an exit
// code for a failed test and lets its loop drain has to exit with that code.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const embedded = new URL("./embedded.ts", import.meta.url).pathname;

describe("the embedded PostgreSQL module", () => {
  it("keeps the exit code of a process that ends on its own", () => {
    const script = `await import(${JSON.stringify(embedded)}); process.exitCode = 3;`;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status, run.stderr).toBe(3);
  });
});
