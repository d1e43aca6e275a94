// The check itself (compatibility.ts, unchanged but for its imports) against edited copies of the
// fixture router, each type-checked by tsc against the fixture's released contract
// (fixtures/released.ts): compatible changes pass, and each kind of breaking change fails with
// the procedure's name in the error.
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

import { compilerOptions, withVirtualFiles } from "../scripts/contract-program.ts";

const contractDir = import.meta.dirname;
const routerSource = readFileSync(path.join(contractDir, "fixtures/router.ts"), "utf8");
const checkSource = readFileSync(path.join(contractDir, "compatibility.ts"), "utf8");

type Edit = readonly [find: string, replace: string];

interface Variant {
  name: string;
  edits: Edit[];
  /** The procedures the errors must name; none for a compatible change. */
  breaks: string[];
}

const add = (after: string, line: string): Edit => [after, `${after}\n  ${line}`];

const COMPATIBLE: Variant[] = [
  { name: "unchanged", edits: [], breaks: [] },
  {
    name: "compatible changes",
    breaks: [],
    edits: [
      add("access: z.string().optional(),", "locale: z.string().optional(),"), // a new optional input
      ['z.enum(["newest", "oldest"])', 'z.enum(["newest", "oldest", "popular"])'], // an input accepts more
      add("note: string | null;", "currency: string;"), // a new output field...
      ["note: null,", 'note: null,\n    currency: "EUR",'],
      ['"owner" as "owner" | "staff"', '"owner" as const'], // an output union narrows
      ["clear: t.procedure.mutation(() => undefined)", "clear: t.procedure.mutation(() => ({ cleared: 2 }))"], // void gains a value
      add('health: t.procedure.query(() => "ok" as const),', "version: t.procedure.query(() => 2),"), // a new procedure
      ["cancel: t.procedure.input(orderInput).mutation(() => ({ cancelled: true })),", ""], // one the app never called
    ],
  },
];

const BREAKING: Variant[] = [
  {
    name: "a new required input field",
    edits: [add("access: z.string().optional(),", "shop: z.string(),")],
    breaks: ["orders.get", "orders.progress"],
  },
  {
    name: "an input value no longer accepted",
    edits: [['z.enum(["newest", "oldest"])', 'z.enum(["newest"])']],
    breaks: ["orders.list"],
  },
  {
    name: "an input field retyped",
    edits: [["tags: z.array(z.string())", "tags: z.array(z.number())"]],
    breaks: ["orders.list"],
  },
  {
    name: "an input where there was none",
    edits: [["tree: t.procedure.query(", "tree: t.procedure.input(z.object({ depth: z.number() })).query("]],
    breaks: ["catalog.tree"],
  },
  {
    name: "an output field removed",
    edits: [
      ["\n  note: string | null;", ""],
      ["\n    note: null,", ""],
    ],
    breaks: ["orders.get", "orders.list"],
  },
  {
    name: "an output field retyped",
    edits: [
      ["number: number;", "number: string;"],
      ["number: 1,", 'number: "1",'],
    ],
    breaks: ["orders.get", "orders.list"],
  },
  {
    name: "an output field made nullable",
    edits: [["placedAt: Date;", "placedAt: Date | null;"]],
    breaks: ["orders.get", "orders.list", "orders.progress"],
  },
  {
    name: "an enum member added to an output",
    edits: [add('SHIPPED: "SHIPPED",', 'REFUNDED: "REFUNDED",')],
    breaks: ["orders.get", "orders.list", "orders.progress"],
  },
  {
    name: "a superjson-carried type changed (a Date sent as a string)",
    edits: [["yield { status, at: placedAt };", "yield { status, at: placedAt.toISOString() };"]],
    breaks: ["orders.progress"],
  },
  {
    name: "a procedure removed",
    edits: [['health: t.procedure.query(() => "ok" as const),', ""]],
    breaks: ["health"],
  },
  {
    name: "a procedure moved to another router",
    edits: [["  catalog: t.router({", "  shop: t.router({"]],
    breaks: ["catalog.tree"],
  },
  {
    name: "a mutation turned into a query",
    edits: [["clear: t.procedure.mutation(", "clear: t.procedure.query("]],
    breaks: ["cart.clear"],
  },
];

function applyEdits(edits: Edit[]): string {
  let source = routerSource;
  for (const [find, replace] of edits) {
    expect(source.includes(find), `fixture line not found in fixtures/router.ts: ${find}`).toBe(true);
    source = source.replace(find, replace);
  }
  return source;
}

/** compatibility.ts as it is, pointed at a variant's router and the fixture's snapshot. */
function checkFor(): string {
  const imports: Edit[] = [
    ['from "@bazaar/api"', 'from "./router.ts"'],
    ['from "./check.ts"', 'from "../../../check.ts"'],
    ['from "./released.ts"', 'from "../../released.ts"'],
  ];
  let source = checkSource;
  for (const [find, replace] of imports) {
    expect(source.includes(find), `compatibility.ts no longer imports ${find}`).toBe(true);
    source = source.replace(find, replace);
  }
  return source;
}

/** tsc's messages for each variant, from one program over all of them. */
function typeCheck(variants: Variant[]): Map<string, { check: string[]; router: string[] }> {
  const appDir = path.dirname(contractDir);
  const folder = (v: Variant) => path.join(contractDir, "fixtures/variants", v.name.replace(/\W+/g, "-"));
  const files = new Map<string, string>();
  for (const variant of variants) {
    files.set(path.join(folder(variant), "router.ts"), applyEdits(variant.edits));
    files.set(path.join(folder(variant), "compatibility.ts"), checkFor());
  }
  const options = compilerOptions(appDir);
  const host = withVirtualFiles(ts.createCompilerHost(options, true), files);
  const program = ts.createProgram({ rootNames: [...files.keys()], options, host });
  const messages = (file: string) => {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} did not load`);
    return ts
      .getPreEmitDiagnostics(program, source)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  };
  return new Map(
    variants.map((v) => [
      v.name,
      {
        check: messages(path.join(folder(v), "compatibility.ts")),
        router: messages(path.join(folder(v), "router.ts")),
      },
    ]),
  );
}

describe("compatibility.ts", () => {
  let results: ReturnType<typeof typeCheck>;
  beforeAll(() => {
    results = typeCheck([...COMPATIBLE, ...BREAKING]);
  });

  it.each(COMPATIBLE)("passes: $name", ({ name }) => {
    const result = results.get(name);
    expect(result?.router, "the edited fixture router does not compile").toEqual([]);
    expect(result?.check).toEqual([]);
  });

  it.each(BREAKING)("fails, naming the procedure: $name", ({ name, breaks }) => {
    const result = results.get(name);
    expect(result?.router, "the edited fixture router does not compile").toEqual([]);
    const messages = result?.check ?? [];
    expect(messages.length).toBeGreaterThan(0);
    const text = messages.join("\n");
    // The summary lists every broken procedure by name...
    const summary = messages.find((m) => m.includes("does not satisfy the constraint 'never'")) ?? "";
    const listed = [...summary.matchAll(/"([\w.]+): /g)].map((m) => m[1]);
    expect([...new Set(listed)].sort()).toEqual(breaks);
    // ...and a detailed error names the first one as the property that is incompatible:
    // "Types of property '"orders.get"' are incompatible" or "The types of '"orders.get".number' are...".
    const first = `'"?${breaks[0]?.replace(".", "\\.")}"?`;
    expect(text).toMatch(new RegExp(`Types of property ${first}' are incompatible|The types of ${first}\\.`));
  });
});
