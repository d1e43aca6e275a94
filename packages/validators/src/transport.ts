/**
 * Calls one batched /api/trpc request may carry. The server refuses more (a 400), so that one
 * request cannot fan out into hundreds of procedure runs; the web and phone clients batch at most
 * this many.
 */
export const TRPC_MAX_BATCH_SIZE = 16;
