// `with-db` as a developer meets it: a real process, a real database, its real output.
import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { withDatabase } from "../src/server/admin.ts";
import { freePort } from "../src/server/embedded.ts";
import { createTestDatabase } from "../src/testing/index.ts";

const packageRoot = path.resolve(import.meta.dirname, "..");
const tsx = path.join(packageRoot, "node_modules/.bin/tsx");
const printUrl = ["node", "-e", "console.log('child got ' + process.env.DATABASE_URL); process.exit(3)"];

function withDb(args: string[], env: Record<string, string | undefined>) {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      tsx,
      [path.join(packageRoot, "scripts/with-db.ts"), ...args],
      { env: { ...inherited, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

// Created at the top level so that its clean-up hook belongs to the file, not to one test.
const target = await createTestDatabase();

describe("with-db", () => {
  it("says which database it cannot reach, without a stack trace or the password", async () => {
    const result = await withDb(["--", ...printUrl], {
      DATABASE_URL: "postgresql://app:hunter2@127.0.0.1:1/shop",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "[db] failed: Cannot reach the database at postgresql://app:***@127.0.0.1:1/shop",
    );
    expect(result.stderr).not.toContain("hunter2");
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).not.toContain("child got");
  });

  it("names a malformed setting and refuses to start", async () => {
    const result = await withDb(["--", ...printUrl], { DATABASE_URL: "mysql://localhost/shop" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL: must be a postgres:// or postgresql:// URL");
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("prints its usage when no command is given", async () => {
    const result = await withDb([], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("usage: with-db");
  });

  it("migrates and seeds DATABASE_URL's database, runs the command on it, and passes on its exit code", async () => {
    const { url, db } = target;
    const result = await withDb(["--", ...printUrl], { DATABASE_URL: url });
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("[db] seeded 13 categories, 300 products");
    expect(result.stdout).toContain(`child got ${url}`);
    expect(result.code).toBe(3);
    expect(await db.product.count()).toBe(300);
  });

  it("starts the embedded PostgreSQL with nothing configured, and reuses its data the second time", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "bazaar-with-db-"));
    const env = { BAZAAR_DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()) };
    try {
      const first = await withDb(["--", ...printUrl], env);
      expect(first.code).toBe(3);
      expect(first.stdout).toContain("[db] starting the embedded PostgreSQL");
      expect(first.stdout).toContain("[db] applied migrations: ");
      expect(first.stdout).toContain("[db] seeded 13 categories, 300 products");
      expect(first.stdout).toMatch(/child got postgresql:\/\/\w+:\w+@127\.0\.0\.1:\d+\/bazaar/);

      const second = await withDb(["--", ...printUrl], env);
      expect(second.code).toBe(3);
      expect(second.stdout).not.toContain("applied migrations");
      expect(second.stdout).not.toContain("seeded");
      expect(second.stdout).toContain("child got ");
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("stops the command and drops its scratch database when its process group gets SIGTERM", async () => {
    const purpose = `sigterm_${Date.now().toString(36)}`;
    const scratchNames = () =>
      withDatabase(target.url, async (c) => {
        const { rows } = await c.query<{ datname: string }>(
          "select datname from pg_database where datname like $1",
          [`bazaar_${purpose}_%`],
        );
        return rows.map((r) => r.datname);
      });
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    // Its own process group, as Playwright and process managers start a server.
    const run = spawn(
      tsx,
      [
        path.join(packageRoot, "scripts/with-db.ts"),
        "--scratch",
        purpose,
        "--",
        "sh",
        "-c",
        "echo command-running && exec sleep 30",
      ],
      {
        env: { ...inherited, DATABASE_URL: target.url },
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const exited = new Promise<number | null>((resolve) => run.on("exit", (code) => resolve(code)));
    let output = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`with-db did not start: ${output}`)), 30_000);
      run.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        // The signal must find the command running: before that, with-db is still opening the
        // database and answers a signal by closing it (exit 130).
        if (output.includes("command-running")) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(await scratchNames()).toHaveLength(1);

    process.kill(-(run.pid ?? 0), "SIGTERM");
    expect(await exited).toBe(128);
    expect(await scratchNames()).toEqual([]);
  });
});
