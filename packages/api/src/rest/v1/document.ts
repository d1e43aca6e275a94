// The OpenAPI 3.1 document of REST v1, generated from the router (its paths, inputs and output
// schemas) and then given what the generator cannot know: our one error shape for every failure,
// the statuses each operation can really answer, and 201 for what creates.
import { generateOpenApiDocument, type OpenAPIObject } from "trpc-to-openapi";
import { z } from "zod";

import { restV1Router } from "./router.ts";
import { ApiError } from "./schemas.ts";

export const REST_V1_BASE_PATH = "/api/v1";
/** The contract's own version (semver): minor for additions, patch for fixes; v2 for breaks. */
export const REST_V1_VERSION = "1.1.0";

/** Operations that create something, answered with 201 (handler.ts sets the status). */
export const CREATED_OPERATIONS = new Set(["orders.place"]);

const ERROR_REF = { $ref: "#/components/schemas/Error" };

const FAILURES: Record<number, string> = {
  400: "The input was refused; `fieldErrors` names each wrong field.",
  401: "No API key, or one that is malformed, unknown or revoked.",
  403: "The key does not hold this operation's scope.",
  404: "Nothing with that id or slug.",
  409: "The request conflicts with the current state (out of stock, already shipped, ...); for stock, `stockConflicts` names each item and how many are left.",
  411: "The body's length was not declared (Content-Length).",
  413: "The body is larger than 1 MB.",
  415: "The body is not `application/json`.",
  422: "The idempotency key was already used for a different request.",
  429: "Over the key's rate limit; `Retry-After` says when to come back.",
  500: "An unexpected failure; quote `requestId`.",
  503: "The shop cannot reach its database for a moment; nothing changed. Send the same request again after `Retry-After` seconds.",
};

const COMMON_FAILURES = [400, 401, 403, 429, 500, 503];
const BODY_FAILURES = [409, 411, 413, 415];

/** The failures one operation can answer with. */
function failuresOf(method: string, template: string, procedure: string): number[] {
  const statuses = [...COMMON_FAILURES];
  // A path parameter, or a category filter, can name nothing.
  if (template.includes("{") || procedure === "products.list") statuses.push(404);
  if (method !== "get") statuses.push(...BODY_FAILURES);
  // Only an order carries an idempotency key.
  if (procedure === "orders.place") statuses.push(422);
  return statuses.sort((a, b) => a - b);
}

/**
 * Answers may gain fields inside v1 (README, "Versioning"), so the document must not promise
 * that objects hold nothing else: clients validating against it would refuse a new field.
 */
function openObjects(schema: unknown): void {
  if (Array.isArray(schema)) schema.forEach(openObjects);
  else if (schema && typeof schema === "object") {
    const record = schema as Record<string, unknown>;
    if (record.additionalProperties === false) delete record.additionalProperties;
    Object.values(record).forEach(openObjects);
  }
}

function failure(status: number) {
  return {
    description: FAILURES[status] ?? "A failure.",
    ...(status === 429 || status === 503
      ? { headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } } }
      : {}),
    content: { "application/json": { schema: ERROR_REF } },
  };
}

interface Operation {
  operationId?: string;
  responses?: Record<string, unknown>;
}

function build(baseUrl: string): OpenAPIObject {
  const document = generateOpenApiDocument(restV1Router, {
    title: "Bazaar REST API",
    version: REST_V1_VERSION,
    baseUrl,
    description:
      "The shop's catalog, stock, orders and fulfilment for integrations. Authenticate with an API key made by an admin (`Authorization: Bearer bzk_…`); each operation needs the scope its description names. Lists page by cursor: pass `nextCursor` back as `cursor`.",
    securitySchemes: {
      Authorization: { type: "http", scheme: "bearer", description: "An API key: `bzk_` and 43 characters." },
    },
  });
  document.tags = [
    { name: "Catalog", description: "Scope catalog:read." },
    { name: "Stock", description: "Scopes stock:read and stock:write." },
    { name: "Orders", description: "Scopes orders:read, orders:write and fulfilment:write." },
  ];
  const schemas = (document.components ??= {}).schemas ?? {};
  // The generator's own error schemas describe tRPC's error body, which no response here has.
  for (const name of Object.keys(schemas)) if (name.startsWith("error.")) delete schemas[name];
  // ApiError carries `id: "Error"`, so Zod puts it under $defs and answers with a $ref to it.
  const errorSchema = z.toJSONSchema(ApiError, { target: "draft-2020-12" }).$defs?.Error;
  if (!errorSchema) throw new Error("The Error schema was not generated.");
  schemas.Error = errorSchema as (typeof schemas)[string];
  document.components.schemas = schemas;

  for (const [template, item] of Object.entries(document.paths ?? {})) {
    for (const [method, value] of Object.entries(item)) {
      const operation = value as Operation;
      if (!operation.responses) continue;
      const { 200: success } = operation.responses;
      const procedure = operation.operationId?.replaceAll("-", ".") ?? "";
      const created = CREATED_OPERATIONS.has(procedure);
      operation.responses = {
        [created ? "201" : "200"]: success,
        ...Object.fromEntries(
          failuresOf(method, template, procedure).map((status) => [String(status), failure(status)]),
        ),
      };
    }
  }
  openObjects(document.components.schemas);
  for (const item of Object.values(document.paths ?? {})) openObjects(item);
  return document;
}

const built = new Map<string, OpenAPIObject>();

/** The document, with `baseUrl` (the shop's origin) as its server; built once per origin. */
export function restV1Document(origin: string): OpenAPIObject {
  const baseUrl = new URL(REST_V1_BASE_PATH, origin).toString();
  let document = built.get(baseUrl);
  if (!document) {
    document = build(baseUrl);
    built.set(baseUrl, document);
  }
  return document;
}
