// The generated Prisma client is rewritten by `db:generate`; any task that compiles or lints code
// importing it, directly or through another package, must run after it, or a run can race (the
// phone app's tsc once read the client while it was being rewritten). Read from Turborepo's plan.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const GENERATE = "@bazaar/db#db:generate";

interface Plan {
  tasks: { taskId: string; package: string; dependencies: string[] }[];
}

function plan(task: string): Plan {
  const out = execFileSync("pnpm", ["exec", "turbo", "run", task, "--dry=json"], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(out) as Plan;
}

/** Workspace packages that reach @bazaar/db through their dependencies (dev ones included). */
function readersOfTheClient(): Set<string> {
  const manifests = new Map<string, string[]>();
  for (const dir of ["apps", "packages"]) {
    for (const name of readdirSync(path.join(root, dir))) {
      try {
        const manifest = JSON.parse(readFileSync(path.join(root, dir, name, "package.json"), "utf8")) as {
          name: string;
          dependencies?: Record<string, string>;
          devDependencies?: Record<string, string>;
        };
        const deps = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
        manifests.set(
          manifest.name,
          deps.filter((dep) => dep.startsWith("@bazaar/")),
        );
      } catch {
        // Not a package folder.
      }
    }
  }
  const reaches = (name: string, seen = new Set<string>()): boolean => {
    if (seen.has(name)) return false;
    seen.add(name);
    return (manifests.get(name) ?? []).some((dep) => dep === "@bazaar/db" || reaches(dep, seen));
  };
  return new Set([...manifests.keys()].filter((name) => reaches(name)));
}

describe("the task graph", () => {
  const readers = readersOfTheClient();

  it("knows which packages read the Prisma client", () => {
    expect(readers).toContain("@bazaar/mobile");
    expect(readers).toContain("@bazaar/web");
  });

  it.each(["typecheck", "lint", "test"])("runs %s after db:generate wherever it reads the client", (task) => {
    const unordered = plan(task)
      .tasks.filter((entry) => entry.taskId === `${entry.package}#${task}` && readers.has(entry.package))
      .filter((entry) => !entry.dependencies.includes(GENERATE))
      .map((entry) => entry.taskId);
    expect(unordered).toEqual([]);
  });
});
