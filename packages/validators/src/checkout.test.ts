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
  const address: Parameters<typeof shippingAddressLines>[0] = {
    shipName: "Robin Buyer",
    shipLine1: "500 Market St",
    shipLine2: null,
    shipCity: "San Francisco",
    shipRegion: "CA",
    shipPostalCode: "94105",
    shipCountry: "US",
  };
  const lines = (change: Partial<typeof address>) => shippingAddressLines({ ...address, ...change });

  it("prints a US address as city, state and ZIP, skipping empty lines, with the country's name", () => {
    expect(lines({})).toEqual(["Robin Buyer", "500 Market St", "San Francisco, CA 94105", "United States"]);
  });

  it.each([
    ["CA", "Toronto", "ON", "M5V 2T6", ["Toronto ON M5V 2T6", "Canada"]],
    ["AU", "Sydney", "NSW", "2000", ["Sydney NSW 2000", "Australia"]],
  ])("prints %s as locality, region and postcode on one line", (country, city, region, postcode, tail) => {
    expect(
      lines({ shipCountry: country, shipCity: city, shipRegion: region, shipPostalCode: postcode }),
    ).toEqual(["Robin Buyer", "500 Market St", ...tail]);
  });

  it("prints a British postcode on its own line under the town, without a county", () => {
    expect(
      lines({
        shipCountry: "GB",
        shipCity: "London",
        shipRegion: "Greater London",
        shipPostalCode: "SW1A 1AA",
      }),
    ).toEqual(["Robin Buyer", "500 Market St", "London", "SW1A 1AA", "United Kingdom"]);
  });

  it.each([
    ["DE", "Berlin", "10115", "10115 Berlin", "Germany"],
    ["FR", "Paris", "75001", "75001 Paris", "France"],
    ["NL", "Amsterdam", "1012 AB", "1012 AB Amsterdam", "Netherlands"],
  ])("prints %s with the postcode before the city, and no region", (country, city, postcode, line, name) => {
    expect(
      lines({ shipCountry: country, shipCity: city, shipRegion: "SOMEWHERE", shipPostalCode: postcode }),
    ).toEqual(["Robin Buyer", "500 Market St", line, name]);
  });

  it("puts the province after the city where the country uses one (Italy)", () => {
    expect(lines({ shipCountry: "IT", shipCity: "Roma", shipRegion: "RM", shipPostalCode: "00144" })).toEqual(
      ["Robin Buyer", "500 Market St", "00144 Roma RM", "IT"],
    );
  });

  it("prints an Irish Eircode last, under the town and county", () => {
    expect(
      lines({ shipCountry: "IE", shipCity: "Dublin", shipRegion: "Co. Dublin", shipPostalCode: "D02 X285" }),
    ).toEqual(["Robin Buyer", "500 Market St", "Dublin", "Co. Dublin", "D02 X285", "IE"]);
  });

  it("keeps every part on one line for a country code the address data does not know", () => {
    expect(
      lines({
        shipCountry: "XQ",
        shipLine2: "Unit 4",
        shipCity: "Town",
        shipRegion: "R",
        shipPostalCode: "123",
      }),
    ).toEqual(["Robin Buyer", "500 Market St", "Unit 4", "Town R 123", "XQ"]);
  });

  it("is empty for an order without an address", () => {
    expect(lines({ shipLine1: null })).toEqual([]);
  });
});
