import { describe, expect, it } from "vitest";
import { z } from "zod";

import { addressSchema, idempotencyKeySchema, shippingAddressLines } from "./checkout.ts";

const good = {
  name: "Sam",
  line1: "1 Main St",
  city: "Springfield",
  region: "ca",
  postalCode: "94107",
  country: "US",
};
const errorsOf = (input: unknown) => {
  const parsed = addressSchema.safeParse(input);
  return parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;
};

describe("addressSchema", () => {
  it("accepts an address, tidying case and space", () => {
    expect(addressSchema.parse({ ...good, name: "  Sam  " })).toMatchObject({ name: "Sam", region: "CA" });
    expect(addressSchema.parse({ ...good, country: "GB", region: "", postalCode: "sw1a 1aa" })).toMatchObject(
      {
        postalCode: "SW1A 1AA",
        region: undefined,
      },
    );
  });

  it.each([
    [
      "a US ZIP with letters",
      { postalCode: "ABCDE" },
      { postalCode: ["must look like 94107 or 94107-1234"] },
    ],
    [
      "a German code of four digits",
      { country: "DE", region: undefined, postalCode: "1011" },
      { postalCode: ["must look like 10115"] },
    ],
    ["a US address without a state", { region: "" }, { region: ["is required for this country"] }],
    ["a country we do not ship to", { country: "ZZ" }, { country: ["is not a country we ship to"] }],
    ["a blank street", { line1: "   " }, { line1: ["is required"] }],
    ["a very long name", { name: "x".repeat(101) }, { name: ["is too long"] }],
  ])("refuses %s, on the field", (_, change, errors) => {
    expect(errorsOf({ ...good, ...change })).toEqual(errors);
  });
});

describe("idempotencyKeySchema", () => {
  it("takes a UUID and refuses short or odd keys", () => {
    expect(idempotencyKeySchema.safeParse("0b9f3c4e-2a1d-4b7e-9c3f-5d6e7f8a9b0c").success).toBe(true);
    expect(idempotencyKeySchema.safeParse("short").success).toBe(false);
    expect(idempotencyKeySchema.safeParse("has spaces in it, sixteen+").success).toBe(false);
  });
});

describe("shippingAddressLines", () => {
  const address = {
    shipName: "Robin Buyer",
    shipLine1: "500 Market St",
    shipLine2: null,
    shipCity: "San Francisco",
    shipRegion: "CA",
    shipPostalCode: "94105",
    shipCountry: "US",
  };

  it("prints the lines a label has, skipping empty ones, with the country's name", () => {
    expect(shippingAddressLines(address)).toEqual([
      "Robin Buyer",
      "500 Market St",
      "94105 San Francisco CA",
      "United States",
    ]);
  });

  it("is empty for an order without an address", () => {
    expect(shippingAddressLines({ ...address, shipLine1: null })).toEqual([]);
  });
});
