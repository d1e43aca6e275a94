// What an attacker sends instead of a form: text PostgreSQL cannot store or that lies about
// itself, sizes past every limit, keys that reach for prototypes, nesting that overflows a
// recursive parser, the wrong types, numbers JavaScript cannot hold exactly.
import fc from "fast-check";

function nested(depth: number, leaf: unknown, asObject: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
}

export const HOSTILE_STRINGS = [
  "\u0000",
  "a\u0000b",
  "\u0001\u0007\u001b[31mred\u001b[0m\u007f",
  "\u0085\u009b",
  "\ud800",
  "x\udfffy",
  "\u202eevil.exe\u202c",
  "\u2066isolate\u2069",
  "a".repeat(100_000),
  "🙂".repeat(5_000),
  "' OR 1=1 --",
  '\'; DROP TABLE "User"; --',
  "<script>alert(1)</script>",
  "../../../../etc/passwd",
  "%00%ff%c0%af",
  "${jndi:ldap://127.0.0.1/x}",
  "{{7*7}}",
  "\r\nSet-Cookie: x=1",
  "",
  " ",
] as const;

export const HOSTILE_NUMBERS = [
  2 ** 53 + 2,
  -(2 ** 63),
  1e308,
  -1e308,
  5e-324,
  -0,
  2_147_483_648,
  -2_147_483_649,
  Number.MAX_SAFE_INTEGER,
  0.5,
  -1,
] as const;

/** Objects whose keys are the prototype's names: as JSON.parse would hand them over. */
const prototypeKeys = () => [
  JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as unknown,
  JSON.parse('{"prototype": 1, "__proto__": []}') as unknown,
];

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom(true, false, null, [], {}, [[]], "123", 123),
  fc.constantFrom(...prototypeKeys()),
  fc.constantFrom(nested(3_000, "x", false), nested(3_000, 1, true), nested(40, "deep", true)),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.array(fc.constantFrom(...HOSTILE_STRINGS), { minLength: 1, maxLength: 3 }),
);

/** Every place in a value: the root, and each key of each object and index of each array. */
function pathsOf(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  if (out.length > 200) return out;
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...prefix, i], out));
  else if (value && typeof value === "object")
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...prefix, key], out);
  return out;
}

function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value))
    return value.map((item: unknown, i) => (i === head ? replaceAt(item, rest, replacement) : item));
  if (value && typeof value === "object" && head !== undefined) {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    copy[String(head)] = replaceAt(copy[String(head)], rest, replacement);
    return copy;
  }
  return replacement;
}

/**
 * Inputs for one procedure: shaped like its schema (most runs), the same with one place replaced
 * by a hostile value, or a hostile value alone.
 */
export function withHostility(shaped: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const mutated = fc.tuple(shaped, fc.nat(), hostileValue).map(([value, pick, hostile]) => {
    const paths = pathsOf(value);
    return replaceAt(value, paths[pick % paths.length] ?? [], hostile);
  });
  return fc.oneof(
    { arbitrary: shaped, weight: 4 },
    { arbitrary: mutated, weight: 4 },
    { arbitrary: hostileValue, weight: 1 },
  );
}

/**
 * superjson envelopes beyond `{ json }`: its `meta` can turn a value into a Date, a BigInt, a
 * Map, a regular expression or NaN, or point at paths that do not exist.
 */
export const hostileEnvelope = (json: unknown): fc.Arbitrary<unknown> =>
  fc.constantFrom(
    { json, meta: { values: ["bigint"] } },
    { json: "not-a-number", meta: { values: ["bigint"] } },
    { json: "NaN", meta: { values: ["number"] } },
    { json: "Infinity", meta: { values: ["number"] } },
    { json: { q: "x" }, meta: { values: { q: ["Date"] } } },
    { json: { q: "x" }, meta: { values: { q: ["regexp"] } } },
    { json: { q: [[1, 2]] }, meta: { values: { q: ["map"] } } },
    { json: { a: 1 }, meta: { values: { "__proto__.polluted": ["undefined"] } } },
    { json: { a: 1 }, meta: { referentialEqualities: { a: ["b.c.d"] } } },
    { json: { a: 1 }, meta: { values: { a: [["custom", "nope"]] } } },
    { json, meta: "garbage" },
    { json, meta: { values: 12 } },
    { json },
  );
