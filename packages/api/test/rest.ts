// Call REST v1 the way an integration does: HTTP requests through the same handler the app's
// /api/v1 route uses, in process (no port), with keys made through the admin service.
import { API_KEY_SCOPES, type ApiKeyScope } from "@bazaar/validators";
import type { Db } from "@bazaar/db";

import { createApiKey } from "../src/admin/api-keys/service.ts";
import { handleRestRequest, type RestDeps } from "../src/rest/handler.ts";

export const REST_ORIGIN = "http://shop.test";

/**
 * A `fetch` that answers from the REST handler; what openapi-fetch and the tests call. A body
 * gets the Content-Length that sending it over the network would give it.
 */
export function restFetch(db: Db, deps: Omit<RestDeps, "db"> = {}) {
  return async (input: Request | string, init?: RequestInit) => {
    let req = input instanceof Request ? input : new Request(new URL(input, REST_ORIGIN), init);
    if (req.body && !req.headers.has("content-length")) {
      const body = await req.arrayBuffer();
      const headers = new Headers(req.headers);
      headers.set("content-length", String(body.byteLength));
      req = new Request(req.url, { method: req.method, headers, body });
    }
    return handleRestRequest(req, { corsOrigins: [], ...deps, db });
  };
}

/** A fresh key for `scopes` (default: every scope), made by `adminId`. */
export async function makeKey(db: Db, adminId: string, scopes: readonly ApiKeyScope[] = API_KEY_SCOPES) {
  const { apiKey, key } = await createApiKey(
    db,
    adminId,
    { name: `Test key ${scopes.join(" ")}`, scopes: [...scopes] },
    { ip: "192.0.2.1", userAgent: "vitest" },
  );
  return { id: apiKey.id, key };
}

interface RestCall {
  method?: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
  key?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One request to `/api/v1{path}`; JSON bodies get their Content-Length, as any client sends. */
export async function rest(db: Db, path: string, call: RestCall = {}, deps: Omit<RestDeps, "db"> = {}) {
  const headers: Record<string, string> = { ...call.headers };
  if (call.key) headers.authorization = `Bearer ${call.key}`;
  let body: string | undefined;
  if (call.body !== undefined) {
    body = typeof call.body === "string" ? call.body : JSON.stringify(call.body);
    headers["content-type"] ??= "application/json";
    headers["content-length"] ??= String(Buffer.byteLength(body));
  }
  const response = await restFetch(db, deps)(`/api/v1${path}`, {
    method: call.method ?? "GET",
    headers,
    body,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as unknown) : null,
  };
}
