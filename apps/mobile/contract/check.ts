// Type-level pieces of the phone app's API contract check (see README.md beside this file). They
// take the router's types as parameters, so the same check runs against the real API
// (compatibility.ts) and against the small routers in the tests (fixtures/).

export type ProcedureKind = "query" | "mutation" | "subscription";

/** The part of a tRPC router's type used here, so the check needs no server import. */
export interface RouterShape {
  _def: { record: object };
}

/** Every procedure's dotted path: "cart.add" | "orders.get" | ... (nested routers included). */
export type ProcedurePaths<TRouter extends RouterShape> = PathsIn<TRouter["_def"]["record"], "">;

type PathsIn<TRecord, TPrefix extends string> = {
  [K in keyof TRecord & string]: TRecord[K] extends { _def: { procedure: true } }
    ? `${TPrefix}${K}`
    : TRecord[K] extends object
      ? PathsIn<TRecord[K], `${TPrefix}${K}.`>
      : never;
}[keyof TRecord & string];

declare const _missing: unique symbol;
/** What a path names when the router no longer has it. */
type Missing = typeof _missing;

/** The value at a dotted path of nested records, or `Missing`. */
type At<T, TPath extends string> = TPath extends `${infer Head}.${infer Rest}`
  ? Head extends keyof T
    ? At<T[Head], Rest>
    : Missing
  : TPath extends keyof T
    ? T[TPath]
    : Missing;

/** What a subscription's client receives: each value its async iterable yields (as tRPC infers it). */
type Yielded<T> = T extends AsyncIterable<infer Value> ? Value : T;

type KindAt<TRouter extends RouterShape, TPath extends string> =
  At<TRouter["_def"]["record"], TPath> extends { _def: { type: infer Kind extends ProcedureKind } }
    ? Kind
    : `${TPath} is no longer on the server`;

// A missing procedure is reported once, by its kind; its input and output then check clean.
type InputAt<TInputs, TPath extends string> = [At<TInputs, TPath>] extends [Missing]
  ? unknown
  : At<TInputs, TPath>;

type OutputAt<TRouter extends RouterShape, TOutputs, TPath extends string> = [At<TOutputs, TPath>] extends [
  Missing,
]
  ? never
  : KindAt<TRouter, TPath> extends "subscription"
    ? Yielded<At<TOutputs, TPath>>
    : At<TOutputs, TPath>;

/**
 * The live server's side of the contract for `TPaths`, in the shape of released.ts: pass the
 * router type and its `inferRouterInputs` / `inferRouterOutputs` (RouterInputs, RouterOutputs).
 */
export type CurrentContract<TRouter extends RouterShape, TInputs, TOutputs, TPaths extends string> = {
  [P in TPaths]: {
    kind: KindAt<TRouter, P>;
    input: InputAt<TInputs, P>;
    output: OutputAt<TRouter, TOutputs, P>;
  };
};

interface ProcedureLike {
  kind: unknown;
  input: unknown;
  output: unknown;
}

/** Entries keyed by path (a constraint interfaces such as `Released` also meet). */
type ContractLike<T> = Record<keyof T, ProcedureLike>;

/** Each procedure's kind, keyed by path. */
export type Kinds<T extends ContractLike<T>> = { [P in keyof T]: T[P]["kind"] };
/** Each procedure's input, keyed by path. */
export type Inputs<T extends ContractLike<T>> = { [P in keyof T]: T[P]["input"] };
/** Each procedure's output, keyed by path; an output a build cannot read (void) asks for nothing. */
export type Outputs<T extends ContractLike<T>> = { [P in keyof T]: Readable<T[P]["output"]> };

type Readable<T> = [T] extends [void] ? unknown : T;

/**
 * Compiles only when `TActual` is assignable to `TRequired`; otherwise tsc reports where, e.g.
 * "Types of property '"orders.get"' are incompatible", followed by the reason.
 */
export type Assignable<TActual extends TRequired, TRequired> = TActual;

/**
 * One line per broken promise, naming the procedure: `never` when nothing is broken. tsc stops at
 * the first broken property of an object, so this is what lists every broken procedure at once.
 */
export type Breaks<TReleased extends ContractLike<TReleased>, TCurrent extends ContractLike<TCurrent>> = {
  [P in keyof TReleased & keyof TCurrent & string]:
    | ([Kinds<TCurrent>[P]] extends [Kinds<TReleased>[P]]
        ? never
        : `${P}: removed, or no longer a ${TReleased[P]["kind"] & string}`)
    | ([Inputs<TReleased>[P]] extends [Inputs<TCurrent>[P]]
        ? never
        : `${P}: refuses an input that released builds may send`)
    | ([Outputs<TCurrent>[P]] extends [Outputs<TReleased>[P]]
        ? never
        : `${P}: its output lacks or changes something released builds read`);
}[keyof TReleased & keyof TCurrent & string];
