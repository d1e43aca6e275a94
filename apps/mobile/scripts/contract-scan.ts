// Finds the tRPC procedures an app's source calls: property chains rooted at the typed client
// (`trpc.orders.get.useQuery`), at its utilities (`const utils = trpc.useUtils()`;
// `utils.cart.get.invalidate()`, `utils.client.cart.add.mutate()`), or at the helper that
// `trpc.useQueries((t) => [t.orders.get(...)])` passes, or at a parameter typed as one of those
// (`utils: ReturnType<typeof trpc.useUtils>`). Bindings are resolved by the compiler,
// so a renamed import counts and an unrelated local named `trpc` does not. A chain counts when
// its leading names form a procedure path the router has (`trpc.useUtils`, `trpc.Provider` and
// a whole router's `utils.orders.invalidate()` do not).
import path from "node:path";
import ts from "typescript";

import type { LoadedProject } from "./contract-program.ts";

/** Procedure path -> where the source calls it (`app/cart.tsx:14`), sorted by path. */
export type ProcedureCalls = Map<string, string[]>;

const UTILS_HOOKS = new Set(["useUtils", "useContext"]);
const QUERIES_HOOKS = new Set(["useQueries", "useSuspenseQueries"]);

export function scanProcedureCalls({ project, program, checker, paths }: LoadedProject): ProcedureCalls {
  const clientSymbols = new Set<ts.Symbol>();
  for (const file of project.clientFiles) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    const client =
      moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === project.clientExport);
    if (client) clientSymbols.add(resolveAlias(checker, client));
  }
  if (clientSymbols.size === 0) {
    throw new Error(`contract: no \`${project.clientExport}\` export in ${project.clientFiles.join(" or ")}`);
  }

  /** The path prefix an expression stands for ([] for the client itself), or null if not rooted at it. */
  function prefixOf(expression: ts.Expression, depth = 0): string[] | null {
    if (depth > 20) return null;
    const node = skipOuterExpressions(expression);
    if (ts.isPropertyAccessExpression(node)) {
      const base = prefixOf(node.expression, depth + 1);
      return base && [...base, node.name.text];
    }
    if (ts.isCallExpression(node)) {
      // trpc.useUtils(): the same paths as the client.
      const callee = skipOuterExpressions(node.expression);
      return ts.isPropertyAccessExpression(callee) &&
        UTILS_HOOKS.has(callee.name.text) &&
        prefixOf(callee.expression, depth + 1)?.length === 0
        ? []
        : null;
    }
    if (!ts.isIdentifier(node)) return null;
    const symbol = checker.getSymbolAtLocation(node);
    if (!symbol) return null;
    const target = resolveAlias(checker, symbol);
    if (clientSymbols.has(target)) return [];
    const declaration = target.valueDeclaration;
    // const utils = trpc.useUtils(); const orders = trpc.orders;
    if (declaration && ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
      if (declaration.initializer) return prefixOf(declaration.initializer, depth + 1);
    }
    // function refresh(utils: ReturnType<typeof trpc.useUtils>), directly or through a type alias.
    if (
      declaration &&
      (ts.isParameter(declaration) || ts.isVariableDeclaration(declaration)) &&
      ts.isIdentifier(declaration.name) &&
      declaration.type &&
      typedAsClient(declaration.type, 0)
    ) {
      return [];
    }
    // trpc.useQueries((t) => [...]): `t` calls procedures by the same paths.
    if (declaration && ts.isParameter(declaration) && declaration.parent.parameters[0] === declaration) {
      const fn = declaration.parent;
      const call = fn.parent;
      if (
        (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
        ts.isCallExpression(call) &&
        call.arguments[0] === fn
      ) {
        const callee = skipOuterExpressions(call.expression);
        if (
          ts.isPropertyAccessExpression(callee) &&
          QUERIES_HOOKS.has(callee.name.text) &&
          prefixOf(callee.expression, depth + 1)?.length === 0
        ) {
          return [];
        }
      }
    }
    return null;
  }

  /** Whether a type annotation is the client's or its utilities' type (`typeof trpc`, `ReturnType<typeof trpc.useUtils>`). */
  function typedAsClient(annotation: ts.TypeNode, depth: number): boolean {
    if (depth > 5) return false;
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if (ts.isTypeQueryNode(node)) {
        const names: string[] = [];
        let name = node.exprName;
        for (; ts.isQualifiedName(name); name = name.left) names.unshift(name.right.text);
        const symbol = checker.getSymbolAtLocation(name);
        const client = symbol !== undefined && clientSymbols.has(resolveAlias(checker, symbol));
        found = client && (names.length === 0 || (names.length === 1 && UTILS_HOOKS.has(names[0] ?? "")));
        return;
      }
      if (ts.isTypeReferenceNode(node)) {
        const symbol = checker.getSymbolAtLocation(node.typeName);
        const alias = symbol && resolveAlias(checker, symbol).declarations?.find(ts.isTypeAliasDeclaration);
        if (alias && typedAsClient(alias.type, depth + 1)) {
          found = true;
          return;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(annotation);
    return found;
  }

  /** The procedure a chain of names reaches: its longest leading run that is a path. */
  function procedureOf(names: string[]): string | undefined {
    for (const candidate of names[0] === "client" ? [names, names.slice(1)] : [names]) {
      for (let n = candidate.length; n > 0; n--) {
        const joined = candidate.slice(0, n).join(".");
        if (paths.has(joined)) return joined;
      }
    }
    return undefined;
  }

  const calls: ProcedureCalls = new Map();
  for (const file of project.sourceFiles) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`contract: ${file} is not in the program`);
    const visit = (node: ts.Node): void => {
      // Only whole chains: `trpc.orders.get.useQuery`, not also its `trpc.orders.get` part.
      const partOfLonger =
        node.parent !== undefined &&
        ts.isPropertyAccessExpression(node.parent) &&
        node.parent.expression === node;
      if (ts.isPropertyAccessExpression(node) && !partOfLonger) {
        const names = prefixOf(node);
        const procedure = names && procedureOf(names);
        if (procedure) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          const where = `${path.relative(project.appDir, file).split(path.sep).join("/")}:${line + 1}`;
          calls.set(procedure, [...(calls.get(procedure) ?? []), where]);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return new Map([...calls].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function resolveAlias(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

function skipOuterExpressions(node: ts.Expression): ts.Expression {
  while (
    ts.isParenthesizedExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isSatisfiesExpression(node)
  ) {
    node = node.expression;
  }
  return node;
}
