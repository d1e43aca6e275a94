// The committed snapshot lists exactly the procedures the app's source calls, so a new call cannot
// reach a release without a snapshot (and its review), and the snapshot lists nothing by mistake.
import { beforeAll, describe, expect, it } from "vitest";

import { loadProject, mobileProject, type LoadedProject } from "../scripts/contract-program.ts";
import { scanProcedureCalls } from "../scripts/contract-scan.ts";

const RERUN = "run `pnpm --filter @bazaar/mobile contract:snapshot` and review the diff (contract/README.md)";

describe("contract/released.ts", () => {
  let loaded: LoadedProject;
  beforeAll(() => {
    loaded = loadProject(mobileProject());
  });

  it("lists every procedure the app's source calls, and no other except ones kept for older builds", () => {
    const { checker, previous } = loaded;
    expect(previous, "contract/released.ts is missing: " + RERUN).toBeDefined();
    const entries = previous?.getProperties() ?? [];
    const isRetained = (entry: (typeof entries)[number]) =>
      checker.getTypeOfSymbol(entry).getProperty("retained") !== undefined;
    const listed = entries.filter((e) => !isRetained(e)).map((e) => e.getName());
    const retained = entries.filter(isRetained).map((e) => e.getName());
    const called = [...scanProcedureCalls(loaded).keys()];

    expect(
      called.filter((p) => !listed.includes(p)),
      `the app's source calls procedures that released.ts does not list as called: ${RERUN}`,
    ).toEqual([]);
    expect(
      listed.filter((p) => !called.includes(p)),
      `released.ts lists procedures as called that the source no longer calls: ${RERUN} ` +
        "(the generator keeps them, marked retained, for the builds that still call them)",
    ).toEqual([]);
    expect(
      retained.filter((p) => called.includes(p)),
      `retained procedures are called again: ${RERUN}`,
    ).toEqual([]);
  });
});
