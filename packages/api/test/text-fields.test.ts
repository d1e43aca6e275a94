// Every text a procedure takes is refused (or cleaned) when it holds control characters, in the
// shared schemas themselves (validators/text.ts): a new field written as a bare z.string() fails
// here, naming the procedure and the field, before a NUL can reach PostgreSQL through it.
import { z } from "zod";
import { describe, expect, it } from "vitest";

import { restV1Router } from "../src/rest/v1/router.ts";
import { appRouter } from "../src/root.ts";

/**
 * Strings that are never stored or shown, so any character is theirs to hold; the input guard
 * (input-guard.ts) still refuses NUL and unpaired surrogates in them.
 */
const SECRETS = new Set(["password", "currentPassword", "newPassword", "token", "code", "codeVerifier"]);
/** Compared exactly with a configured list (APP_REDIRECT_URIS); anything else is refused. */
const MATCHED_EXACTLY = new Set(["redirectUri"]);
/** Searches drop control characters instead of refusing them (`withoutUnsafeCharacters`). */
const CLEANED = new Set(["q", "search"]);
/** A query string's yes or no (z.stringbool): only its listed words parse. */
const WORDS = new Set(["inStock"]);

interface JsonSchema {
  type?: string | string[];
  pattern?: string;
  enum?: unknown[];
  format?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** Paths of string values that accept a control character (no pattern, list or format keeps it out). */
function openTextFields(schema: JsonSchema, path: string, out: string[]): string[] {
  for (const part of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
    openTextFields(part, path, out);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const field = path.split(".").at(-1) ?? "";
  if (types.includes("string") && !schema.enum && !schema.format) {
    const keepsOut = schema.pattern !== undefined && !new RegExp(schema.pattern).test("a\u0001b");
    if (
      !keepsOut &&
      !SECRETS.has(field) &&
      !MATCHED_EXACTLY.has(field) &&
      !CLEANED.has(field) &&
      !WORDS.has(field)
    )
      out.push(path);
  }
  for (const [key, value] of Object.entries(schema.properties ?? {}))
    openTextFields(value, `${path}.${key}`, out);
  if (typeof schema.additionalProperties === "object")
    openTextFields(schema.additionalProperties, `${path}.*`, out);
  if (schema.items) openTextFields(schema.items, `${path}[]`, out);
  schema.prefixItems?.forEach((item, i) => openTextFields(item, `${path}[${i}]`, out));
  return out;
}

function inputsOf(router: { _def: { procedures: object } }) {
  return Object.entries(router._def.procedures as Record<string, { _def: { inputs: z.ZodType[] } }>).flatMap(
    ([path, procedure]) => (procedure._def.inputs[0] ? [[path, procedure._def.inputs[0]] as const] : []),
  );
}

describe("text fields", () => {
  it.each([
    ["tRPC", appRouter],
    ["REST", restV1Router],
  ])("of every %s procedure keep control characters out", (_, router) => {
    const open = inputsOf(router).flatMap(([path, schema]) =>
      openTextFields(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema, path, []),
    );
    expect(open).toEqual([]);
  });

  it("fail this test when one does not", () => {
    const careless = z.object({ note: z.string().max(10), code: z.string() });
    expect(openTextFields(z.toJSONSchema(careless) as JsonSchema, "example", [])).toEqual(["example.note"]);
  });
});
