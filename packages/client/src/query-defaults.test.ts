import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";

import { QUERY_RETRIES, queryDefaults } from "./query-defaults.ts";

const failure = (httpStatus: number, retryAfterSeconds: number | null = null) =>
  TRPCClientError.from({ error: { message: "x", code: -32600, data: { httpStatus, retryAfterSeconds } } });

const { retry, retryDelay } = queryDefaults.queries;

describe("the shared query defaults", () => {
  it("ask again when the answer may change: no network, a 5xx, a timeout, a rate limit", () => {
    for (const error of [
      new TypeError("Failed to fetch"),
      failure(503),
      failure(500),
      failure(408),
      failure(429),
    ])
      expect(retry(0, error)).toBe(true);
  });

  it("take a refusal as the answer", () => {
    for (const status of [400, 401, 403, 404, 409, 422]) expect(retry(0, failure(status))).toBe(false);
  });

  it("stop after a few tries", () => {
    expect(retry(QUERY_RETRIES - 1, failure(503))).toBe(true);
    expect(retry(QUERY_RETRIES, failure(503))).toBe(false);
  });

  it("wait what the server asked, or longer each time", () => {
    expect(retryDelay(0, failure(503, 2))).toBe(2_000);
    expect(retryDelay(0, failure(500))).toBe(1_000);
    expect(retryDelay(1, failure(500))).toBe(2_000);
    expect(retryDelay(10, failure(500))).toBe(8_000);
  });
});
