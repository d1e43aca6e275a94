import { SHOP_BUSY, type StockConflict } from "@bazaar/validators/transport";
import { TRPCClientError } from "@trpc/client";

/** What a shopper is told about a failed call, and whether trying again may help. */
export interface ClientErrorDescription {
  /** The server was not reached, or answered with something that is not the API. */
  offline: boolean;
  /** One sentence for the shopper. */
  message: string;
  /** The field the server refused, with its message, when a form can show it beside the field. */
  fieldErrors: Record<string, string[]>;
  /** Items that sold out or ran short since the cart was viewed: the screen offers the way back to it. */
  stockConflicts: StockConflict[];
  retryable: boolean;
}

interface ServerErrorData {
  httpStatus?: number;
  retryAfterSeconds?: number | null;
  fieldErrors?: Record<string, string[] | undefined>;
  stockConflicts?: StockConflict[] | null;
}

/** What a client says while the shop cannot serve (a 503: its database is away for a moment). */

/** What a client says when no answer came from the API (offline, a dropped connection). */
export const NO_CONNECTION = "Can't reach the shop. Check your connection and try again.";

/** One sentence per item: "Tea (Loose) sold out." or "Tea (Loose): only 2 left." */
export function describeStockConflicts(conflicts: readonly StockConflict[]): string {
  return conflicts
    .map(({ productName, variantName, available }) =>
      available > 0
        ? `${productName} (${variantName}): only ${available} left.`
        : `${productName} (${variantName}) sold out.`,
    )
    .join(" ");
}

/**
 * A failed tRPC call, told in the shopper's terms. The server's own message is shown for a
 * refusal (4xx: it names what was wrong), but items that sold out or ran short are worded here
 * from the data, so the web and the phone app say it alike. A 5xx or an answer that is not the
 * API's (no `data`: the network failed, a proxy answered) is never shown raw.
 */
export function describeClientError(error: unknown): ClientErrorDescription {
  const data = error instanceof TRPCClientError ? (error.data as ServerErrorData | undefined) : undefined;
  const status = data?.httpStatus;
  if (!(error instanceof TRPCClientError) || status === undefined) {
    return { offline: true, message: NO_CONNECTION, fieldErrors: {}, stockConflicts: [], retryable: true };
  }
  if (status === 503) {
    return { offline: false, message: SHOP_BUSY, fieldErrors: {}, stockConflicts: [], retryable: true };
  }
  if (status >= 500) {
    return {
      offline: false,
      message: "Something went wrong on our side. Please try again.",
      fieldErrors: {},
      stockConflicts: [],
      retryable: true,
    };
  }
  const fieldErrors = Object.fromEntries(
    Object.entries(data?.fieldErrors ?? {}).filter((entry): entry is [string, string[]] => !!entry[1]),
  );
  const stockConflicts = data?.stockConflicts ?? [];
  return {
    offline: false,
    message: stockConflicts.length > 0 ? describeStockConflicts(stockConflicts) : error.message,
    fieldErrors,
    stockConflicts,
    retryable: status === 429 || status === 408,
  };
}

/**
 * Whether asking again may get another answer: no answer from the API at all, a 5xx, a timeout
 * or a rate limit. Any other 4xx is the answer, and asking again repeats it.
 */
export function mayPassOnRetry(error: unknown): boolean {
  const status =
    error instanceof TRPCClientError ? (error.data as ServerErrorData | undefined)?.httpStatus : undefined;
  return status === undefined || status >= 500 || status === 408 || status === 429;
}

/** The wait the server asked for (`Retry-After`, carried in the error's data), in milliseconds. */
export function retryAfterMs(error: unknown): number | null {
  const seconds =
    error instanceof TRPCClientError ? (error.data as ServerErrorData | undefined)?.retryAfterSeconds : null;
  return typeof seconds === "number" && seconds > 0 ? seconds * 1000 : null;
}
