// fast-check arbitraries from a procedure's own Zod input, through the JSON Schema Zod 4 writes
// for it (z.toJSONSchema): values that look like what a client would send, so that the
// procedures' logic runs and does not stop at the schema. No library does this for Zod 4 and
// fast-check 4 (zod-fast-check needs Zod 3 and fast-check 3): docs/decisions/0032.
import fc from "fast-check";
import { z } from "zod";

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** Ids and slugs that exist in the fuzzed database, so that calls reach past "not found". */
export interface KnownValues {
  ids: readonly string[];
  slugs: readonly string[];
}

const SMALL_STRING = 24;
const SMALL_ARRAY = 4;

function stringArbitrary(schema: JsonSchema, name: string, known: KnownValues): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? SMALL_STRING, SMALL_STRING));
  const options: fc.Arbitrary<string>[] = [];
  if (schema.format === "email" || /email/i.test(name)) options.push(fc.emailAddress());
  else if (schema.format === "uuid") options.push(fc.uuid());
  else if (schema.format === "date-time")
    options.push(
      fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString()),
    );
  else if (schema.format === "date")
    options.push(
      fc
        .date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) })
        .map((d) => d.toISOString().slice(0, 10)),
    );
  else if (schema.format === "uri" || /url|uri/i.test(name)) options.push(fc.webUrl());
  if (schema.pattern) {
    try {
      options.push(
        fc
          .stringMatching(new RegExp(schema.pattern))
          .filter((s) => s.length <= (schema.maxLength ?? Infinity)),
      );
    } catch {
      // A pattern fast-check cannot draw from: the plain strings below stand in.
    }
  }
  if (/(^id$|Id$)/.test(name) && known.ids.length > 0) options.push(fc.constantFrom(...known.ids));
  if (/slug/i.test(name) && known.slugs.length > 0) options.push(fc.constantFrom(...known.slugs));
  options.push(fc.string({ minLength, maxLength }));
  return fc.oneof(...options);
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min =
    schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000_000);
  const max =
    schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000_000);
  const low = Math.max(min, Number.MIN_SAFE_INTEGER);
  const high = Math.min(max, Number.MAX_SAFE_INTEGER);
  if (integer) return fc.integer({ min: Math.ceil(low), max: Math.floor(high) });
  return fc.double({ min: low, max: high, noNaN: true, noDefaultInfinity: true });
}

function fromSchema(
  schema: JsonSchema,
  name: string,
  known: KnownValues,
  depth: number,
): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((choice) => fromSchema(choice, name, known, depth + 1)));
  if (schema.allOf?.[0]) return fromSchema(schema.allOf[0], name, known, depth + 1);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1)
    return fc.oneof(...types.map((type) => fromSchema({ ...schema, type }, name, known, depth + 1)));
  switch (types[0]) {
    case "string":
      return stringArbitrary(schema, name, known);
    case "integer":
      return numberArbitrary(schema, true);
    case "number":
      return numberArbitrary(schema, false);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      if (schema.prefixItems)
        return fc.tuple(...schema.prefixItems.map((item) => fromSchema(item, name, known, depth + 1)));
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? SMALL_ARRAY, SMALL_ARRAY));
      return fc.array(fromSchema(schema.items ?? {}, name, known, depth + 1), { minLength, maxLength });
    }
    case "object": {
      const properties = schema.properties ?? {};
      const entries = Object.entries(properties).map(
        ([key, value]) => [key, fromSchema(value, key, known, depth + 1)] as const,
      );
      const record = fc.record(Object.fromEntries(entries), { requiredKeys: schema.required ?? [] });
      if (typeof schema.additionalProperties !== "object") return record;
      // A record type (option filters): a few keys of the named shape.
      const extra = fc.dictionary(
        stringArbitrary(schema.propertyNames ?? {}, "key", known),
        fromSchema(schema.additionalProperties, name, known, depth + 1),
        { maxKeys: 3 },
      );
      return fc.tuple(record, extra).map(([fixed, more]) => ({ ...more, ...fixed }));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Values shaped like `schema`'s input: mostly accepted, sometimes refused by its refinements. */
export function arbitraryFor(schema: z.ZodType | undefined, known: KnownValues): fc.Arbitrary<unknown> {
  if (!schema) return fc.constant(undefined);
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return fromSchema(json, "input", known, 0);
}
