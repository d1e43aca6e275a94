// Call procedures the way a client does: HTTP requests through tRPC's fetch adapter.
import type { RateLimiter } from "@bazaar/auth";
import type { Db } from "@bazaar/db";
import type { Mailer } from "@bazaar/mail";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { createContext } from "../src/context.ts";
import type { ReadCache } from "../src/read-cache.ts";
import { retryAfterHeader } from "../src/errors.ts";
import { appRouter } from "../src/root.ts";

export interface ErrorBody {
  error: {
    json: {
      message: string;
      data: {
        code: string;
        httpStatus: number;
        requestId: string;
        fieldErrors: Record<string, string[]> | null;
      };
    };
  };
}

export async function callHttp(
  db: Db,
  procedure: string,
  options: {
    input?: unknown;
    mutation?: boolean;
    token?: string;
    headers?: Record<string, string>;
    rateLimiter?: RateLimiter;
    mailer?: Mailer;
    readCache?: ReadCache;
  } = {},
) {
  const headers = new Headers(options.headers);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  const encoded = options.input === undefined ? undefined : JSON.stringify({ json: options.input });
  let url = `http://localhost/api/trpc/${procedure}`;
  if (!options.mutation && encoded) url += `?input=${encodeURIComponent(encoded)}`;
  if (options.mutation) headers.set("content-type", "application/json");
  const req = new Request(url, {
    method: options.mutation ? "POST" : "GET",
    headers,
    body: options.mutation ? (encoded ?? "{}") : undefined,
  });
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    router: appRouter,
    req,
    createContext: ({ resHeaders }) =>
      createContext({
        db,
        headers: req.headers,
        resHeaders,
        rateLimiter: options.rateLimiter,
        mailer: options.mailer,
        readCache: options.readCache,
      }),
    // The same header the web app's route sends.
    responseMeta: ({ errors }) => ({ headers: new Headers(retryAfterHeader(errors)) }),
  });
  const body: unknown = await response.json();
  return {
    status: response.status,
    headers: response.headers,
    body,
    /** The procedure's result, for a 200. */
    data: (body as { result?: { data?: { json?: unknown } } }).result?.data?.json,
    error: (body as Partial<ErrorBody>).error?.json,
  };
}
