// tRPC over HTTP as any client calls it, for the write scenarios (cart-load.ts,
// checkout-contention.ts): a mutation is POST /api/trpc/<path> with the superjson body
// `{"json": input}`, a query a GET with `?input=` the same; a guest cart travels in `X-Cart-Token`.
// Loopback only, and every request times out.
import type { StockConflict } from "@bazaar/validators";

/** The reply to one call: its status, the parsed body and how long it took (ms, to the last byte). */
export interface TrpcReply<T> {
  status: number;
  /** `result.data.json` of a success. */
  data: T | undefined;
  /**
   * `error.json` of a failure: the message, the procedure's code (CONFLICT, BAD_REQUEST, ...) and,
   * on a 409 for stock, the variants that sold out or ran short.
   */
  error: { message: string; code: string; stockConflicts: StockConflict[] | null } | undefined;
  ms: number;
}

interface Envelope<T> {
  result?: { data?: { json?: T } };
  error?: { json?: { message?: string; data?: { code?: string; stockConflicts?: StockConflict[] | null } } };
}

const REQUEST_TIMEOUT_MS = 30_000;

export function assertLoopback(origin: string): void {
  if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(origin)) {
    throw new Error(`refusing to call ${origin}: the benchmark only targets loopback`);
  }
}

/** The JSON body of a mutation, as autocannon sends it too. */
export const mutationBody = (input: unknown): string => JSON.stringify({ json: input });

export async function callTrpc<T>(
  origin: string,
  procedure: string,
  input: unknown,
  options: { cartToken?: string | undefined; query?: boolean } = {},
): Promise<TrpcReply<T>> {
  assertLoopback(origin);
  const headers: Record<string, string> = {};
  if (options.cartToken) headers["x-cart-token"] = options.cartToken;
  const started = performance.now();
  let status = 0;
  let text = "";
  if (options.query) {
    const url = `${origin}/api/trpc/${procedure}?input=${encodeURIComponent(mutationBody(input))}`;
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    status = response.status;
    text = await response.text();
  } else {
    headers["content-type"] = "application/json";
    const response = await fetch(`${origin}/api/trpc/${procedure}`, {
      method: "POST",
      headers,
      body: mutationBody(input),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    status = response.status;
    text = await response.text();
  }
  const ms = performance.now() - started;
  let body: Envelope<T> = {};
  try {
    body = JSON.parse(text) as Envelope<T>;
  } catch {
    // Not JSON (a proxy's or the framework's error page): status alone says what happened.
  }
  const failure = body.error?.json;
  return {
    status,
    data: body.result?.data?.json,
    error: failure
      ? {
          message: failure.message ?? "",
          code: failure.data?.code ?? "",
          stockConflicts: failure.data?.stockConflicts ?? null,
        }
      : status >= 300
        ? { message: text.slice(0, 200), code: "", stockConflicts: null }
        : undefined,
    ms,
  };
}

/** Like callTrpc, but anything other than a 200 with data is an error naming the procedure. */
export async function callTrpcOk<T>(
  origin: string,
  procedure: string,
  input: unknown,
  options: { cartToken?: string | undefined; query?: boolean } = {},
): Promise<T> {
  const reply = await callTrpc<T>(origin, procedure, input, options);
  if (reply.status !== 200 || reply.data === undefined) {
    throw new Error(`${procedure} answered ${reply.status}: ${reply.error?.message ?? "no data"}`);
  }
  return reply.data;
}

/** Run `work` for each item with at most `limit` at once; results in the items' order. */
export async function inBatches<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The guest cart a first `cart.add` made: its id (the reply's cart) and its signed token. */
export interface GuestCart {
  id: string;
  token: string;
}

/** Make a guest cart holding one of `variantId`: one `cart.add` without a token. */
export async function newGuestCart(origin: string, variantId: string): Promise<GuestCart> {
  const added = await callTrpcOk<{ cart: { id: string }; cartToken: string | null }>(origin, "cart.add", {
    variantId,
    quantity: 1,
  });
  if (!added.cartToken || !added.cart.id) throw new Error("cart.add made no guest cart (no cartToken)");
  return { id: added.cart.id, token: added.cartToken };
}

/** Percentiles (nearest rank) of unsorted millisecond samples. */
export function percentiles(samples: readonly number[]): {
  p50: number;
  p90: number;
  p99: number;
  max: number;
} {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length === 0
      ? Number.NaN
      : (sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0);
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN };
}
