// A last line behind every procedure's schema, for what no schema should have to think about:
// input that cannot be stored or is built to hurt the parser. The schemas refuse control
// characters field by field (validators/text.ts); this refuses, for any field of any procedure,
// the few things that would otherwise reach PostgreSQL or the process as a 500.
import { isWellFormedText } from "@bazaar/validators";

import { FieldError } from "./errors.ts";

/** No form or filter nests deeper than a handful of levels; attackers send thousands. */
export const MAX_INPUT_DEPTH = 32;
/** Values (strings, numbers, keys...) in one call's input; the largest real input has a few hundred. */
export const MAX_INPUT_VALUES = 20_000;

/** Keys that reach for an object's prototype when copied into another object. */
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

const pathOf = (path: readonly (string | number)[]) => (path.length > 0 ? path.join(".") : "input");

function stringProblem(value: string): string | null {
  // PostgreSQL cannot store U+0000 in text at all.
  if (value.includes("\u0000")) return "must not contain control characters";
  if (!isWellFormedText(value)) return "must be valid text";
  return null;
}

/** Why this raw input is refused, as a 400 on the offending field; null when it may be parsed. */
export function unsafeInputRefusal(raw: unknown): FieldError | null {
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value: raw, path: [] }];
  let values = 0;
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (++values > MAX_INPUT_VALUES) return new FieldError("BAD_REQUEST", "input", "is too large");
    if (typeof value === "string") {
      const problem = stringProblem(value);
      if (problem) return new FieldError("BAD_REQUEST", pathOf(path), problem);
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (path.length >= MAX_INPUT_DEPTH)
      return new FieldError("BAD_REQUEST", pathOf(path), "is nested too deeply");
    if (value instanceof FormData) {
      value.forEach((entry, key) => pending.push({ value: entry, path: [...path, key] }));
      continue;
    }
    // Dates, Maps and the like (superjson) carry no text worth checking; files are checked by their bytes.
    if (
      !Array.isArray(value) &&
      Object.getPrototypeOf(value) !== Object.prototype &&
      Object.getPrototypeOf(value) !== null
    )
      continue;
    for (const [key, entry] of Object.entries(value)) {
      // Reported on the object holding the key: a field named `constructor` could not even be
      // written into the answer's field errors.
      if (PROTOTYPE_KEYS.has(key))
        return new FieldError("BAD_REQUEST", pathOf(path), `must not have a key named ${key}`);
      const keyProblem = stringProblem(key);
      if (keyProblem) return new FieldError("BAD_REQUEST", pathOf(path), `has a key that ${keyProblem}`);
      pending.push({ value: entry, path: [...path, Array.isArray(value) ? Number(key) : key] });
    }
  }
  return null;
}
