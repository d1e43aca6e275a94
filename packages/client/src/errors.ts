import { TRPCClientError } from "@trpc/client";

/** What a shopper is told about a failed call, and whether trying again may help. */
export interface ClientErrorDescription {
  /** The server was not reached, or answered with something that is not the API. */
  offline: boolean;
  /** One sentence for the shopper. */
  message: string;
  /** The field the server refused, with its message, when a form can show it beside the field. */
  fieldErrors: Record<string, string[]>;
  retryable: boolean;
}

interface ServerErrorData {
  httpStatus?: number;
  fieldErrors?: Record<string, string[] | undefined>;
}

/** What a client says when no answer came from the API (offline, a dropped connection). */
export const NO_CONNECTION = "Can't reach the shop. Check your connection and try again.";

/**
 * A failed tRPC call, told in the shopper's terms. The server's own message is shown for a
 * refusal (4xx: it names what was wrong); a 5xx or an answer that is not the API's (no `data`:
 * the network failed, a proxy answered) is never shown raw.
 */
export function describeClientError(error: unknown): ClientErrorDescription {
  const data = error instanceof TRPCClientError ? (error.data as ServerErrorData | undefined) : undefined;
  const status = data?.httpStatus;
  if (!(error instanceof TRPCClientError) || status === undefined) {
    return { offline: true, message: NO_CONNECTION, fieldErrors: {}, retryable: true };
  }
  if (status >= 500) {
    return {
      offline: false,
      message: "Something went wrong on our side. Please try again.",
      fieldErrors: {},
      retryable: true,
    };
  }
  const fieldErrors = Object.fromEntries(
    Object.entries(data?.fieldErrors ?? {}).filter((entry): entry is [string, string[]] => !!entry[1]),
  );
  return { offline: false, message: error.message, fieldErrors, retryable: status === 429 || status === 408 };
}
