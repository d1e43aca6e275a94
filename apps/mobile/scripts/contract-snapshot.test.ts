// The generator on the fixture router and screens (contract/fixtures): what the scanner finds,
// what the printer prints, and how a new snapshot treats the procedures of the old one.
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

import { TypePrinter, type Position } from "./contract-print.ts";
import { compilerOptions, loadProject, withVirtualFiles, type LoadedProject } from "./contract-program.ts";
import { scanProcedureCalls } from "./contract-scan.ts";
import { buildSnapshot, FIXTURE_HEADER, fixtureProject } from "./contract-snapshot.ts";

describe("the scanner, on the fixture screens", () => {
  let loaded: LoadedProject;
  beforeAll(() => {
    loaded = loadProject({ ...fixtureProject(), releasedFile: "/nonexistent/released.ts" });
  });

  it("knows every procedure path of the router, nested routers included", () => {
    expect([...loaded.paths].sort()).toEqual([
      "admin.orders.count",
      "cart.clear",
      "catalog.tree",
      "health",
      "orders.cancel",
      "orders.get",
      "orders.list",
      "orders.progress",
    ]);
  });

  it("finds calls through hooks, utilities (also passed to a helper), their client, useQueries, a renamed import", () => {
    const calls = scanProcedureCalls(loaded);
    expect(Object.fromEntries(calls)).toEqual({
      "cart.clear": ["contract/fixtures/app/orders.ts:11"], // utils.client.cart.clear.mutate()
      "catalog.tree": ["contract/fixtures/app/orders.ts:21"], // trpc.useQueries((t) => [t.catalog.tree()])
      health: ["contract/fixtures/app/home.ts:5"], // api.health.useQuery(), `api` being the client
      "orders.get": ["contract/fixtures/app/orders.ts:7"], // trpc.orders.get.useQuery(...)
      // utils.orders.list.invalidate(), and in a helper given `utils: ReturnType<typeof trpc.useUtils>`
      "orders.list": ["contract/fixtures/app/orders.ts:10", "contract/fixtures/app/orders.ts:28"],
      "orders.progress": ["contract/fixtures/app/orders.ts:15"], // trpc.orders.progress.useSubscription(...)
    });
    // Not there: orders.cancel (a local object named trpc), trpc.useUtils / useQueries themselves,
    // and utils.orders.invalidate() (a whole router, no procedure).
  });
});

describe("the generator, on the fixture router", () => {
  const project = fixtureProject();
  let text: string;
  beforeAll(async () => {
    ({ text } = await buildSnapshot(loadProject(project), { ignorePrevious: true, header: FIXTURE_HEADER }));
  });

  it("prints what contract/fixtures/released.ts holds", () => {
    expect(
      text,
      "the generator's output changed: if on purpose, run `node scripts/contract-snapshot.ts --fixture`",
    ).toBe(readFileSync(project.releasedFile, "utf8"));
  });

  it("prints plain types: enums as unions, Dates as Date, recursion named, no imports", () => {
    expect(text).not.toMatch(/\bimport\b/);
    expect(text).toContain('status: "PAID" | "PLACED" | "SHIPPED";'); // a Prisma-style enum, expanded
    expect(text).toContain("placedAt: Date;");
    expect(text).toContain("totals: Record<string, number>;");
    expect(text).toMatch(/"catalog\.tree": \{ kind: "query"; input: void; output: readonly Category\[\] \}/);
    expect(text).toMatch(/interface Category \{\s+slug: string;\s+children: readonly Category\[\];\s+\}/);
  });

  it("prints inputs as tRPC infers them, arrays mutable; outputs with arrays readonly", () => {
    expect(text).toContain('health: { kind: "query"; input: void; output: "ok" };');
    expect(text).toContain(
      'input: { cursor?: string; sort?: "newest" | "oldest"; tags?: string[] } | undefined | void;',
    );
    expect(text).toMatch(/lines: readonly \{ sku: string; quantity: number; unitAmount: number \}\[\];/);
  });

  it("prints what a subscription yields, with its kind", () => {
    expect(text).toMatch(
      /"orders\.progress": \{\s+kind: "subscription";\s+input: \{ orderId: string; access\?: string \};\s+output: \{ status: "PAID" \| "PLACED" \| "SHIPPED"; at: Date \};/,
    );
  });
});

describe("a new snapshot over an old one", () => {
  // The old snapshot is the fixture's; the "new source" calls only `health` (home.ts).
  const project = fixtureProject();
  const onlyHome = { ...project, sourceFiles: project.sourceFiles.filter((f) => f.endsWith("home.ts")) };
  let loaded: LoadedProject;
  beforeAll(() => {
    loaded = loadProject(onlyHome);
  });

  it("keeps, marked retained, the procedures the source no longer calls", async () => {
    const snapshot = await buildSnapshot(loaded, { header: FIXTURE_HEADER });
    expect([...snapshot.calls.keys()]).toEqual(["health"]);
    expect(snapshot.retained).toEqual([
      "cart.clear",
      "catalog.tree",
      "orders.get",
      "orders.list",
      "orders.progress",
    ]);
    expect(snapshot.text).toMatch(/"orders\.get": \{\s+kind: "query";\s+retained: true;/);
    expect(snapshot.text).toMatch(/health: \{ kind: "query"; input: void; output: "ok" \}/);
    // Reprinted from the old snapshot, a kept entry is unchanged.
    const old = readFileSync(project.releasedFile, "utf8");
    const entry = (text: string) =>
      /"orders\.list": \{[\s\S]*?\n {2}\};/.exec(text)?.[0].replace(/\s+retained: true;/, "");
    expect(entry(snapshot.text)).toBe(entry(old));
  });

  it("drops a kept procedure only when told to, and never one the source calls", async () => {
    const snapshot = await buildSnapshot(loaded, { drop: ["orders.get"], header: FIXTURE_HEADER });
    expect(snapshot.retained).not.toContain("orders.get");
    expect(snapshot.text).not.toContain('"orders.get"');
    await expect(buildSnapshot(loaded, { drop: ["health"] })).rejects.toThrow(/the source still calls it/);
    await expect(buildSnapshot(loaded, { drop: ["orders.nope"] })).rejects.toThrow(/not in the snapshot/);
  });
});

describe("the type printer", () => {
  // One small program over in-memory declarations.
  const appDir = path.resolve(import.meta.dirname, "..");
  const file = path.join(appDir, "contract/fixtures/__printer__.ts");
  const source = `
    export interface Tree { value: number; kids?: Tree[] }
    export type Unions = { flag: boolean | null; size: 3 | 1 | 2; big: 10n; either: "b" | "a" | undefined };
    export type Optional = { a?: string; b?: string | undefined; c: string | undefined };
    export type Tuple = [string, number?, ...boolean[]];
    export type Builtins = { when: Date; byId: Map<string, Set<number>>; re: RegExp };
    export type Nested = { rows: (string | number)[]; grid: number[][]; [extra: \`x-\${string}\`]: number };
    export type Intersected = { a: string } & { b: number };
    export type JsonValue = string | number | boolean | JsonObject | JsonArray | null;
    export type JsonObject = { [key in string]?: JsonValue };
    export interface JsonArray extends Array<JsonValue> {}
    export type WithJson = { details: JsonValue };
    export type WithFunction = { run: () => void };
    declare const brand: unique symbol;
    export type Branded = string & { [brand]: "Id" };
  `;
  let print: (name: string, position?: Position) => string;
  beforeAll(() => {
    const options = compilerOptions(appDir);
    const host = withVirtualFiles(ts.createCompilerHost(options, true), new Map([[file, source]]));
    const program = ts.createProgram({ rootNames: [file], options, host });
    const checker = program.getTypeChecker();
    const sourceFile = program.getSourceFile(file);
    const moduleSymbol = sourceFile && checker.getSymbolAtLocation(sourceFile);
    if (!moduleSymbol) throw new Error("the printer's fixture did not load");
    print = (name, position = "output") => {
      const printer = new TypePrinter(program);
      const symbol = checker.getExportsOfModule(moduleSymbol).find((s) => s.name === name);
      if (!symbol) throw new Error(`no ${name}`);
      const text = printer.print(checker.getDeclaredTypeOfSymbol(symbol), position, name);
      return [text, ...printer.declarations()].join("\n");
    };
  });

  it("names a recursive type once, per position", () => {
    expect(print("Tree")).toBe("Tree\ninterface Tree { value: number; kids?: readonly Tree[] }");
    expect(print("Tree", "input")).toBe(
      "TreeInput\ninterface TreeInput { value: number; kids?: TreeInput[] }",
    );
  });

  it("sorts union members, folds true | false into boolean, keeps null and undefined last", () => {
    expect(print("Unions")).toBe(
      '{ flag: boolean | null; size: 1 | 2 | 3; big: 10n; either: "a" | "b" | undefined }',
    );
  });

  it("leaves `undefined` implied by `?` out, and keeps it on a required property", () => {
    expect(print("Optional")).toBe("{ a?: string; b?: string; c: string | undefined }");
  });

  it("prints tuples, built-in types, nested arrays, index signatures and intersections", () => {
    expect(print("Tuple")).toBe("readonly [string, number?, ...boolean[]]");
    expect(print("Tuple", "input")).toBe("[string, number?, ...boolean[]]");
    expect(print("Builtins")).toBe("{ when: Date; byId: Map<string, Set<number>>; re: RegExp }");
    expect(print("Nested")).toBe(
      "{ [key: `x-${string}`]: number; rows: readonly (number | string)[]; grid: readonly (readonly number[])[] }",
    );
    expect(print("Intersected")).toBe("{ a: string; b: number }");
  });

  it("prints a Prisma Json value, whose array type is an interface extending Array", () => {
    expect(print("WithJson")).toBe(
      "{ details: JsonValue }\n" +
        "type JsonObject = Record<string, JsonObject | boolean | number | readonly JsonValue[] | string | null | undefined>;\n" +
        "type JsonValue = JsonObject | boolean | number | readonly JsonValue[] | string | null;",
    );
  });

  it("refuses what cannot cross the wire or be printed without an import", () => {
    expect(() => print("WithFunction")).toThrow(/WithFunction\.run: a function cannot cross the wire/);
    expect(() => print("Branded")).toThrow(/symbol-keyed property/);
  });
});
