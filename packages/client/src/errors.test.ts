import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";

import type { StockConflict } from "@bazaar/validators/transport";

import { describeClientError } from "./errors.ts";

/** A failed call as the tRPC client reports it, with the API's error data (or none). */
function failure(
  message: string,
  data?: {
    httpStatus: number;
    fieldErrors?: Record<string, string[]> | null;
    stockConflicts?: StockConflict[] | null;
  },
) {
  return TRPCClientError.from({ error: { message, code: -32600, data } });
}

describe("describeClientError", () => {
  it("says the shop can't be reached when no answer came from the API", () => {
    // A network failure, or a proxy's empty 502 that tRPC could not read.
    for (const error of [new TypeError("Failed to fetch"), failure("Unexpected end of JSON input")]) {
      expect(describeClientError(error)).toEqual({
        offline: true,
        message: "Can't reach the shop. Check your connection and try again.",
        fieldErrors: {},
        stockConflicts: [],
        retryable: true,
      });
    }
  });

  it("never shows a server failure's own text", () => {
    const described = describeClientError(failure("Something went wrong on our side.", { httpStatus: 500 }));
    expect(described).toMatchObject({ offline: false, retryable: true });
    expect(described.message).toBe("Something went wrong on our side. Please try again.");
  });

  it("shows a refusal's message and its fields, and says retrying will not help", () => {
    const described = describeClientError(
      failure("Invalid input.", {
        httpStatus: 400,
        fieldErrors: { "address.postalCode": ["must look like 94107"] },
      }),
    );
    expect(described).toEqual({
      offline: false,
      message: "Invalid input.",
      fieldErrors: { "address.postalCode": ["must look like 94107"] },
      stockConflicts: [],
      retryable: false,
    });
  });

  it("names each item that sold out or ran short, from the data, whatever the server's sentence", () => {
    const stockConflicts = [
      { variantId: "v1", productName: "Kettle", variantName: "Large", requested: 2, available: 0 },
      { variantId: "v2", productName: "Mug", variantName: "Blue", requested: 4, available: 3 },
    ];
    const described = describeClientError(
      failure("Your cart changed. Please check it before paying: …", {
        httpStatus: 409,
        fieldErrors: null,
        stockConflicts,
      }),
    );
    expect(described).toEqual({
      offline: false,
      message: "Kettle (Large) sold out. Mug (Blue): only 3 left.",
      fieldErrors: {},
      stockConflicts,
      retryable: false,
    });
  });

  it("keeps the server's message for any other conflict", () => {
    const described = describeClientError(
      failure("That order has already shipped.", { httpStatus: 409, stockConflicts: null }),
    );
    expect([described.message, described.stockConflicts]).toEqual(["That order has already shipped.", []]);
  });

  it("lets a rate-limited shopper try again later", () => {
    expect(describeClientError(failure("Too many attempts.", { httpStatus: 429 })).retryable).toBe(true);
  });
});

describe("a busy shop (503)", () => {
  it("is told as busy, not as broken, and may be tried again", () => {
    const busy = failure("The shop is busy right now. Please try again in a moment.", { httpStatus: 503 });
    expect(describeClientError(busy)).toEqual({
      offline: false,
      message: "The shop is busy right now. Please try again in a moment.",
      fieldErrors: {},
      stockConflicts: [],
      retryable: true,
    });
  });
});
