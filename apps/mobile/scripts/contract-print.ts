// Prints a type in full as a plain TypeScript type, with no reference to where it came from:
// aliases, interfaces, Prisma enums and mapped types are expanded into literals and unions, so the
// text stays the same whatever later happens to the server's source. Built-in types (Date, Map,
// Set...) stay named: superjson carries them. A recursive type gets a name, declared once.
//
// Arrays are printed by what the released build may rely on: in an output (it reads) as
// `readonly T[]`, which every array meets; in an input (it sends) as `T[]`, which fits both kinds.
// Union members are sorted, so the text does not depend on the order the compiler met them in.
import ts from "typescript";

export type Position = "input" | "output";

interface Named {
  name: string;
  body?: string;
}

export class TypePrinter {
  readonly #checker: ts.TypeChecker;
  readonly #program: ts.Program;
  readonly #exactOptional: boolean;
  /** Recursive types, by type and position. */
  readonly #named = new Map<ts.Type, Map<Position, Named>>();
  readonly #takenNames = new Set<string>();
  /** Types being printed, to find recursion. */
  readonly #active = new Map<ts.Type, Set<Position>>();
  #depth = 0;
  /** Whether `{}` was printed (the caller may need to tell the linter it is meant). */
  printedEmptyObject = false;

  constructor(program: ts.Program) {
    this.#program = program;
    this.#checker = program.getTypeChecker();
    this.#exactOptional = program.getCompilerOptions().exactOptionalPropertyTypes === true;
  }

  /** Declarations of the recursive types printed so far, by name. */
  declarations(): string[] {
    const out: string[] = [];
    for (const byPosition of this.#named.values()) {
      for (const { name, body } of byPosition.values()) {
        if (body === undefined) continue;
        out.push(body.startsWith("{") ? `interface ${name} ${body}` : `type ${name} = ${body};`);
      }
    }
    return out.sort();
  }

  print(type: ts.Type, position: Position, where: string): string {
    const known = this.#named.get(type)?.get(position);
    if (known) return known.name;
    const structured = (type.flags & (ts.TypeFlags.Object | ts.TypeFlags.UnionOrIntersection)) !== 0;
    if (!structured) return this.#printLeaf(type, where);
    // Arrays and tuples take no part in finding recursion, so that it is named after the object or
    // union that recurs (`Category`), not after the array it recurs through.
    if (this.#isArray(type) || this.#checker.isTupleType(type)) {
      if (++this.#depth > 64) throw new Error(`contract: ${where} nests too deep to print`);
      try {
        return this.#printObject(type, position, where);
      } finally {
        this.#depth--;
      }
    }

    const active = this.#active.get(type) ?? new Set<Position>();
    if (active.has(position)) return this.#nameRecursive(type, position).name;
    if (++this.#depth > 64) throw new Error(`contract: ${where} nests too deep to print`);
    active.add(position);
    this.#active.set(type, active);
    try {
      const text = type.isUnion()
        ? this.#printUnion(type.types, position, where)
        : type.isIntersection() && !type.types.every((t) => t.flags & ts.TypeFlags.Object)
          ? type.types.map((t) => this.#wrap(t, this.print(t, position, where))).join(" & ")
          : this.#printObject(type, position, where);
      const named = this.#named.get(type)?.get(position);
      if (!named) return text;
      named.body = text;
      return named.name;
    } finally {
      active.delete(position);
      this.#depth--;
    }
  }

  #nameRecursive(type: ts.Type, position: Position): Named {
    const symbolName = type.aliasSymbol?.name ?? type.getSymbol()?.name;
    const base =
      symbolName && IDENTIFIER.test(symbolName) && !symbolName.startsWith("__") ? symbolName : "Recursive";
    const wanted = position === "input" ? `${base}Input` : base;
    let name = wanted;
    for (let n = 2; this.#takenNames.has(name); n++) name = `${wanted}${n}`;
    this.#takenNames.add(name);
    const named: Named = { name };
    const byPosition = this.#named.get(type) ?? new Map<Position, Named>();
    byPosition.set(position, named);
    this.#named.set(type, byPosition);
    return named;
  }

  #printLeaf(type: ts.Type, where: string): string {
    const f = type.flags;
    if (f & ts.TypeFlags.Any) return "any";
    if (f & ts.TypeFlags.Unknown) return "unknown";
    if (f & ts.TypeFlags.Never) return "never";
    if (f & ts.TypeFlags.Void) return "void";
    if (f & ts.TypeFlags.Undefined) return "undefined";
    if (f & ts.TypeFlags.Null) return "null";
    if (f & ts.TypeFlags.String) return "string";
    if (f & ts.TypeFlags.Number) return "number";
    if (f & ts.TypeFlags.Boolean) return "boolean";
    if (f & ts.TypeFlags.BigInt) return "bigint";
    if (f & ts.TypeFlags.ESSymbol) return "symbol";
    if (f & ts.TypeFlags.NonPrimitive) return "object";
    if (type.isStringLiteral()) return JSON.stringify(type.value);
    if (type.isNumberLiteral()) return String(type.value);
    if (f & ts.TypeFlags.BigIntLiteral) {
      const { negative, base10Value } = (type as ts.BigIntLiteralType).value;
      return `${negative ? "-" : ""}${base10Value}n`;
    }
    if (f & (ts.TypeFlags.BooleanLiteral | ts.TypeFlags.TemplateLiteral | ts.TypeFlags.StringMapping)) {
      return this.#checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
    }
    throw new Error(
      `contract: cannot print ${where}: ${this.#checker.typeToString(type)} is not a plain data type`,
    );
  }

  #printUnion(members: readonly ts.Type[], position: Position, where: string): string {
    const booleans = members.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
    const rest = booleans.length === 2 ? members.filter((t) => !booleans.includes(t)) : members;
    const texts = new Set(rest.map((t) => this.#wrapInUnion(t, this.print(t, position, where))));
    if (booleans.length === 2) texts.add("boolean");
    return [...texts].sort(compareMembers).join(" | ");
  }

  #printObject(type: ts.Type, position: Position, where: string): string {
    const checker = this.#checker;
    const readonly = position === "output" ? "readonly " : "";
    if (this.#isArray(type)) {
      const element = checker.isArrayType(type)
        ? checker.getTypeArguments(type as ts.TypeReference)[0]
        : checker.getIndexInfoOfType(type, ts.IndexKind.Number)?.type;
      if (!element) throw new Error(`contract: cannot print ${where}: an array without an element type`);
      return `${readonly}${this.#wrap(element, this.print(element, position, `${where}[]`))}[]`;
    }
    if (checker.isTupleType(type)) {
      const reference = type as ts.TupleTypeReference;
      const flags = reference.target.elementFlags;
      const elements = checker.getTypeArguments(reference).slice(0, flags.length);
      const printed = elements.map((element, i) => {
        const flag = flags[i] ?? ts.ElementFlags.Required;
        const optional = (flag & ts.ElementFlags.Optional) !== 0;
        const text = this.#printProperty(element, optional, position, `${where}[${i}]`);
        if (optional) return `${this.#wrap(element, text)}?`;
        if (flag & ts.ElementFlags.Rest) return `...${this.#wrap(element, text)}[]`;
        if (flag & ts.ElementFlags.Variadic) return `...${text}`;
        return text;
      });
      return `${readonly}[${printed.join(", ")}]`;
    }
    const builtIn = this.#builtInName(type, position, where);
    if (builtIn) return builtIn;
    if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) {
      throw new Error(`contract: cannot print ${where}: a function cannot cross the wire`);
    }

    const indexInfos = checker.getIndexInfosOfType(type);
    const properties = checker.getPropertiesOfType(type);
    const [onlyIndex] = indexInfos;
    if (
      properties.length === 0 &&
      indexInfos.length === 1 &&
      onlyIndex &&
      onlyIndex.keyType.flags & ts.TypeFlags.String
    ) {
      return `Record<string, ${this.print(onlyIndex.type, position, `${where}[string]`)}>`;
    }
    const members: string[] = [];
    for (const info of indexInfos) {
      const key = this.print(info.keyType, position, where);
      members.push(`[key: ${key}]: ${this.print(info.type, position, `${where}[${key}]`)}`);
    }
    for (const property of properties) {
      const name = property.getName();
      if (name.startsWith("__@")) {
        throw new Error(`contract: cannot print ${where}: it has a symbol-keyed property (${name})`);
      }
      const key = IDENTIFIER.test(name) ? name : JSON.stringify(name);
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
      const propertyWhere = `${where}.${name}`;
      const propertyType = checker.getTypeOfSymbol(property);
      members.push(
        `${key}${optional ? "?" : ""}: ${this.#printProperty(propertyType, optional, position, propertyWhere)}`,
      );
    }
    if (members.length === 0) {
      this.printedEmptyObject = true;
      return "{}";
    }
    return `{ ${members.join("; ")} }`;
  }

  /** A property's type; `a?: T` already admits undefined unless exactOptionalPropertyTypes is on. */
  #printProperty(type: ts.Type, optional: boolean, position: Position, where: string): string {
    if (!optional || this.#exactOptional || !type.isUnion() || this.#named.get(type)?.get(position)) {
      return this.print(type, position, where);
    }
    const defined = type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined));
    if (defined.length === 0 || defined.length === type.types.length)
      return this.print(type, position, where);
    const [only] = defined;
    return only && defined.length === 1
      ? this.print(only, position, where)
      : this.#printUnion(defined, position, where);
  }

  /** An array, or an interface that extends one (Prisma's `JsonArray extends Array<JsonValue>`). */
  #isArray(type: ts.Type): boolean {
    const checker = this.#checker;
    return (
      checker.isArrayType(type) ||
      ((type.flags & ts.TypeFlags.Object) !== 0 &&
        !checker.isTupleType(type) &&
        checker.isArrayLikeType(type))
    );
  }

  /** `Date`, `Map<string, number>`...: types of the standard library, which superjson carries. */
  #builtInName(type: ts.Type, position: Position, where: string): string | undefined {
    const symbol = type.getSymbol();
    if (!symbol || symbol.name.startsWith("__") || !(type.flags & ts.TypeFlags.Object)) return undefined;
    const objectFlags = (type as ts.ObjectType).objectFlags;
    if (!(objectFlags & (ts.ObjectFlags.Class | ts.ObjectFlags.Interface | ts.ObjectFlags.Reference)))
      return undefined;
    const declarations = symbol.getDeclarations() ?? [];
    if (!declarations.some((d) => this.#program.isSourceFileDefaultLibrary(d.getSourceFile())))
      return undefined;
    const reference = type as ts.TypeReference;
    const parameterCount = (reference.target as ts.InterfaceType | undefined)?.typeParameters?.length ?? 0;
    const args =
      objectFlags & ts.ObjectFlags.Reference
        ? this.#checker.getTypeArguments(reference).slice(0, parameterCount)
        : [];
    const printed = args.map((arg, i) => this.print(arg, position, `${where}<${i}>`));
    return printed.length > 0 ? `${symbol.name}<${printed.join(", ")}>` : symbol.name;
  }

  /** Parenthesised where it would bind wrongly: a union, intersection or readonly array as an array's element or `&` member. */
  #wrap(type: ts.Type, text: string): string {
    if (IDENTIFIER.test(text)) return text;
    const compound = (type.isUnion() && !(type.flags & ts.TypeFlags.Boolean)) || type.isIntersection();
    return compound || text.startsWith("readonly ") ? `(${text})` : text;
  }

  #wrapInUnion(type: ts.Type, text: string): string {
    return type.isIntersection() && text.includes(" & ") ? `(${text})` : text;
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Sorted for a stable text: null, undefined and void last. */
function compareMembers(a: string, b: string): number {
  const last = ["null", "undefined", "void"];
  const rank = (t: string) => last.indexOf(t);
  const [ra, rb] = [rank(a), rank(b)];
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}
