import { describe, expect, it } from "vitest";
import { z } from "zod";

import { placeOrderInput } from "./checkout.ts";
import { fieldErrorsByPath } from "./field-errors.ts";

describe("fieldErrorsByPath", () => {
  it("keys each message by the field's full path", () => {
    const result = placeOrderInput.safeParse({
      email: "not-an-email",
      address: { name: "Robin", line1: "1 Main St", city: "Town", postalCode: "nope", country: "US" },
      shippingRate: "standard",
      idempotencyKey: "k".repeat(20),
    });
    if (result.success) throw new Error("the order should be refused");
    expect(fieldErrorsByPath(result.error)).toEqual({
      email: ["must be an email address"],
      "address.postalCode": ["must look like 94107 or 94107-1234"],
      "address.region": ["is required for this country"],
    });
  });

  it("puts a problem with the whole input under `input`", () => {
    const result = z.string().safeParse(42);
    if (result.success) throw new Error("a number is not a string");
    expect(Object.keys(fieldErrorsByPath(result.error))).toEqual(["input"]);
  });
});
