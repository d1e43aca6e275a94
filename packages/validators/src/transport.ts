// What travels between the clients and the server besides the schemas: limits, a shared answer,
// the shape of a 409. Importable on its own (`@bazaar/validators/transport`), without Zod.

/**
 * Calls one batched /api/trpc request may carry. The server refuses more (a 400), so that one
 * request cannot fan out into hundreds of procedure runs; the web and phone clients batch at most
 * this many.
 */
export const TRPC_MAX_BATCH_SIZE = 16;

/** What a 503 says while the database is away: the API's answer and the clients' wording. */
export const SHOP_BUSY = "The shop is busy right now. Please try again in a moment.";

/** An item asked for beyond what is left (`available` 0: sold out), as a 409's data names it. */
export interface StockConflict {
  variantId: string;
  productName: string;
  variantName: string;
  requested: number;
  available: number;
}
