// Call procedures the way a client does: HTTP requests through tRPC's fetch adapter.
import type { RateLimiter } from "@bazaar/auth";
import type { Db } from "@bazaar/db";
import type { MediaStorage } from "@bazaar/media";

import type { ReadCache } from "../src/read-cache.ts";
import { handleTrpcRequest } from "../src/trpc-handler.ts";

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

interface CallOptions {
  /** JSON, or a FormData sent as multipart (picture uploads). */
  input?: unknown;
  mutation?: boolean;
  token?: string;
  headers?: Record<string, string>;
  rateLimiter?: RateLimiter;
  readCache?: ReadCache;
  mediaStorage?: MediaStorage;
}

export async function callHttp(db: Db, procedure: string, options: CallOptions = {}) {
  const response = await requestHttp(db, procedure, options);
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

/**
 * The first server-sent event a subscription answers with ("data" or "serialized-error"), then
 * the stream is closed. Bounded: no event within 5 s fails.
 */
export async function firstServerEvent(db: Db, procedure: string, options: CallOptions = {}) {
  const response = await requestHttp(db, procedure, options);
  const reader = response.body?.getReader();
  if (!reader) throw new Error("no stream");
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + 5_000;
  try {
    while (Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      // The stream opens with a "connected" event; the next event is the first answer.
      const event = text
        .split("\n\n")
        .map((block) => ({
          type: /^event: (.+)$/m.exec(block)?.[1] ?? "message",
          data: /^data: (.+)$/m.exec(block)?.[1],
        }))
        .find((block) => block.type !== "connected" && block.type !== "ping" && block.data !== undefined);
      if (event)
        return {
          status: response.status,
          type: event.type,
          data: JSON.parse(event.data ?? "null") as unknown,
        };
    }
    throw new Error(`no event within 5 s: ${text}`);
  } finally {
    await reader.cancel();
  }
}

async function requestHttp(db: Db, procedure: string, options: CallOptions): Promise<Response> {
  const headers = new Headers(options.headers);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  const multipart = options.input instanceof FormData ? options.input : undefined;
  const encoded =
    options.input === undefined || multipart ? undefined : JSON.stringify({ json: options.input });
  let url = `http://localhost/api/trpc/${procedure}`;
  if (!options.mutation && encoded) url += `?input=${encodeURIComponent(encoded)}`;
  // A FormData body sets its own multipart content type, with the boundary.
  if (options.mutation && !multipart) headers.set("content-type", "application/json");
  const req = new Request(url, {
    method: options.mutation ? "POST" : "GET",
    headers,
    body: options.mutation ? (multipart ?? encoded ?? "{}") : undefined,
  });
  // A Request built here has no Content-Length of its own; the client's fetch would send one.
  if (req.body && !req.headers.has("content-length")) {
    const bytes = await req.clone().arrayBuffer();
    req.headers.set("content-length", String(bytes.byteLength));
  }
  // The same handler the web app's route uses.
  return handleTrpcRequest(req, {
    db,
    rateLimiter: options.rateLimiter,
    readCache: options.readCache,
    mediaStorage: options.mediaStorage,
  });
}
