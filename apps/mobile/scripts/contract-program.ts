// Loads the app (or a test fixture) into one TypeScript program for the contract tools: the app's
// source to scan, and a small in-memory module that names the router's procedures and their
// current types with the same definitions the check uses (contract/check.ts).
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** Where one app's contract lives, and what it is checked against. */
export interface ContractProject {
  /** The folder of the tsconfig.json whose compiler options are used. */
  appDir: string;
  /** The folder of check.ts; module specifiers below are relative to it. */
  contractDir: string;
  /** Module that exports `AppRouter`, `RouterInputs` and `RouterOutputs` (types). */
  apiModule: string;
  /** Files that may define the client (platform variants included) and the export's name. */
  clientFiles: string[];
  clientExport: string;
  /** The files whose calls make up the contract. */
  sourceFiles: string[];
  /** The snapshot (may not exist yet). */
  releasedFile: string;
  /** The check, type-checked before a new snapshot replaces the old one. */
  compatibilityFile?: string;
}

/** The phone app: apps/mobile, its screens and source, and the snapshot beside this tooling. */
export function mobileProject(): ContractProject {
  const appDir = path.resolve(import.meta.dirname, "..");
  const contractDir = path.join(appDir, "contract");
  return {
    appDir,
    contractDir,
    apiModule: "@bazaar/api",
    clientFiles: ["trpc.ts", "trpc.native.ts", "trpc.web.ts"].map((f) => path.join(appDir, "src/api", f)),
    clientExport: "trpc",
    sourceFiles: [...sourceFilesIn(path.join(appDir, "app")), ...sourceFilesIn(path.join(appDir, "src"))],
    releasedFile: path.join(contractDir, "released.ts"),
    compatibilityFile: path.join(contractDir, "compatibility.ts"),
  };
}

/** Every .ts and .tsx file under `dir`, tests and declaration files left out, in a stable order. */
export function sourceFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.tsx?$/.test(f) && !/\.d\.ts$|\.(test|spec)\.tsx?$/.test(f))
    .filter((f) => !f.split(path.sep).includes("node_modules"))
    .map((f) => path.join(dir, f))
    .sort();
}

export interface LoadedProject {
  project: ContractProject;
  program: ts.Program;
  checker: ts.TypeChecker;
  /** Every procedure path the router has. */
  paths: Set<string>;
  /** `CurrentContract` over every path: the server's side, keyed by path. */
  current: ts.Type;
  /** The `Released` interface of the snapshot on disk, if there is one. */
  previous: ts.Type | undefined;
}

/** A module specifier for `file` as seen from `fromDir`. */
function relativeSpecifier(fromDir: string, file: string): string {
  const relative = path.relative(fromDir, file).split(path.sep).join("/");
  return relative.startsWith(".") ? relative : `./${relative}`;
}

export function loadProject(project: ContractProject, extraRoots: string[] = []): LoadedProject {
  const options = compilerOptions(project.appDir);
  const entryFile = path.join(project.contractDir, "__contract_entry__.ts");
  const hasPrevious = existsSync(project.releasedFile);
  const entryText = [
    `import type { AppRouter, RouterInputs, RouterOutputs } from ${JSON.stringify(project.apiModule)};`,
    `import type { CurrentContract, ProcedurePaths } from "./check.ts";`,
    hasPrevious
      ? `import type { Released } from ${JSON.stringify(relativeSpecifier(project.contractDir, project.releasedFile))};`
      : "",
    `export type Paths = ProcedurePaths<AppRouter>;`,
    `export type Current = CurrentContract<AppRouter, RouterInputs, RouterOutputs, Paths>;`,
    hasPrevious ? `export type Previous = Released;` : "",
  ].join("\n");

  const host = withVirtualFiles(ts.createCompilerHost(options, true), new Map([[entryFile, entryText]]));
  const roots = [...project.sourceFiles, ...extraRoots, entryFile];
  if (hasPrevious && project.compatibilityFile) roots.push(project.compatibilityFile);
  const program = ts.createProgram({ rootNames: roots, options, host });
  const checker = program.getTypeChecker();

  const entry = program.getSourceFile(entryFile);
  const moduleSymbol = entry && checker.getSymbolAtLocation(entry);
  if (!entry || !moduleSymbol) throw new Error("contract: the entry module did not load");
  const exported = (name: string) => {
    const symbol = checker.getExportsOfModule(moduleSymbol).find((s) => s.name === name);
    if (!symbol) throw new Error(`contract: the entry module lacks ${name}`);
    return checker.getDeclaredTypeOfSymbol(symbol);
  };

  // A broken entry (API module not found, router type unusable) would otherwise print as `any`.
  const problems = ts.getPreEmitDiagnostics(program, entry);
  if (problems.length > 0)
    throw new Error(`contract: cannot read the router's types:\n${formatDiagnostics(problems)}`);

  const pathsType = exported("Paths");
  const members = pathsType.isUnion() ? pathsType.types : [pathsType];
  const paths = new Set(members.filter((t) => t.isStringLiteral()).map((t) => t.value));
  if (paths.size === 0) throw new Error(`contract: found no procedures in ${project.apiModule}`);

  return {
    project,
    program,
    checker,
    paths,
    current: exported("Current"),
    previous: hasPrevious ? exported("Previous") : undefined,
  };
}

/** The app's compiler options, for a one-off program (no incremental build info, no output). */
export function compilerOptions(appDir: string): ts.CompilerOptions {
  const configFile = path.join(appDir, "tsconfig.json");
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(formatDiagnostics([d]));
      },
    },
  );
  if (!parsed) throw new Error(`contract: cannot read ${configFile}`);
  const { incremental: _incremental, tsBuildInfoFile: _buildInfo, ...options } = parsed.options;
  return { ...options, noEmit: true };
}

/** A compiler host that also serves the given in-memory files (absolute paths). */
export function withVirtualFiles(host: ts.CompilerHost, files: ReadonlyMap<string, string>): ts.CompilerHost {
  const text = (fileName: string) => files.get(path.resolve(fileName));
  const folders = new Set<string>();
  for (const file of files.keys()) {
    for (
      let dir = path.dirname(file);
      !folders.has(dir) && dir !== path.dirname(dir);
      dir = path.dirname(dir)
    ) {
      folders.add(dir);
    }
  }
  return {
    ...host,
    directoryExists: (dir) =>
      folders.has(path.resolve(dir)) || (host.directoryExists?.(dir) ?? ts.sys.directoryExists(dir)),
    fileExists: (fileName) => text(fileName) !== undefined || host.fileExists(fileName),
    readFile: (fileName) => text(fileName) ?? host.readFile(fileName),
    getSourceFile: (fileName, languageVersion, onError, shouldCreate) => {
      const content = text(fileName);
      return content === undefined
        ? host.getSourceFile(fileName, languageVersion, onError, shouldCreate)
        : ts.createSourceFile(fileName, content, languageVersion, true);
    },
  };
}

export function formatDiagnostics(diagnostics: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => process.cwd(),
    getNewLine: () => "\n",
  });
}
