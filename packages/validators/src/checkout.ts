import { formatAddress } from "localized-address-format";
import { z } from "zod";

import { emailSchema } from "./account.ts";
import { recordIdSchema } from "./admin.ts";
import { lineText } from "./text.ts";

/** The countries the shop ships to: ISO 3166-1 alpha-2, with their names for forms. */
export const SHIPPING_COUNTRIES = {
  US: "United States",
  CA: "Canada",
  GB: "United Kingdom",
  DE: "Germany",
  FR: "France",
  NL: "Netherlands",
  AU: "Australia",
} as const;
export type ShippingCountry = keyof typeof SHIPPING_COUNTRIES;

// Postal codes as each country writes them; the form's message says the expected shape.
const POSTAL_CODES: Record<ShippingCountry, { pattern: RegExp; example: string }> = {
  US: { pattern: /^\d{5}(-\d{4})?$/, example: "94107 or 94107-1234" },
  CA: { pattern: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/, example: "K1A 0B1" },
  GB: { pattern: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, example: "SW1A 1AA" },
  DE: { pattern: /^\d{5}$/, example: "10115" },
  FR: { pattern: /^\d{5}$/, example: "75001" },
  NL: { pattern: /^\d{4} ?[A-Z]{2}$/, example: "1012 AB" },
  AU: { pattern: /^\d{4}$/, example: "2000" },
};

/** Countries whose addresses need a region (state, province, territory). */
const REGION_REQUIRED: readonly ShippingCountry[] = ["US", "CA", "AU"];

const line = (max: number) => lineText().trim().min(1, "is required").max(max, "is too long");

export const addressSchema = z
  .object({
    name: line(100),
    line1: line(200),
    line2: lineText().trim().max(200, "is too long").optional(),
    city: line(100),
    region: lineText()
      .trim()
      .toUpperCase()
      .max(50, "is too long")
      .optional()
      .transform((value) => (value === "" ? undefined : value)),
    postalCode: lineText().trim().toUpperCase().min(1, "is required").max(12, "is too long"),
    country: z.enum(Object.keys(SHIPPING_COUNTRIES) as [ShippingCountry, ...ShippingCountry[]], {
      error: "is not a country we ship to",
    }),
  })
  .superRefine((address, ctx) => {
    const rule = POSTAL_CODES[address.country];
    if (!rule.pattern.test(address.postalCode)) {
      ctx.addIssue({ code: "custom", path: ["postalCode"], message: `must look like ${rule.example}` });
    }
    if (REGION_REQUIRED.includes(address.country) && !address.region) {
      ctx.addIssue({ code: "custom", path: ["region"], message: "is required for this country" });
    }
  });
export type Address = z.infer<typeof addressSchema>;

/** A key the client makes once per checkout attempt and sends again on every retry of it. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, "must be 16 to 64 letters, digits, - or _");

export const checkoutQuoteInput = z.object({
  address: addressSchema,
  shippingRate: lineText().min(1, "is required").max(50, "is too long").optional(),
});

export const placeOrderInput = z.object({
  email: emailSchema,
  address: addressSchema,
  shippingRate: lineText().min(1, "is required").max(50, "is too long"),
  idempotencyKey: idempotencyKeySchema,
});

/** The most of one item a cart line holds (the database's CHECK says the same). */
export const MAX_LINE_QUANTITY = 20;

const variantIdSchema = recordIdSchema;

export const cartAddInput = z.object({
  variantId: variantIdSchema,
  quantity: z
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(MAX_LINE_QUANTITY, `must be at most ${MAX_LINE_QUANTITY}`)
    .default(1),
});

export const cartSetQuantityInput = z.object({
  variantId: variantIdSchema,
  quantity: z
    .number()
    .int("must be a whole number")
    .min(0, "must be 0 (to remove it) or more")
    .max(MAX_LINE_QUANTITY, `must be at most ${MAX_LINE_QUANTITY}`),
});

/** Most lines one order placed through the REST API may have. */
export const MAX_ORDER_LINES = 50;

/**
 * An order placed by an integration (REST `POST /orders`): the items themselves rather than a
 * cart, priced, shipped and taxed by the server as a checkout is.
 */
export const placeApiOrderInput = placeOrderInput.extend({
  shippingRate: placeOrderInput.shape.shippingRate.optional(),
  lines: z
    .array(
      z.object({
        variantId: variantIdSchema,
        quantity: cartSetQuantityInput.shape.quantity.min(1, "must be at least 1"),
      }),
    )
    .min(1, "must hold at least one item")
    .max(MAX_ORDER_LINES, `must hold at most ${MAX_ORDER_LINES} items`),
});

export const orderIdInput = z.object({ orderId: recordIdSchema });

/** An order, and for a guest away from the cart that placed it, the signed `access` from its link. */
export const orderLookupInput = orderIdInput.extend({
  access: lineText().max(200, "is too long").optional(),
});

// localized-address-format's fallback, for a code Google's address data lacks, prints no postcode.
const hasPostcodeLine = (country: string) =>
  formatAddress({ postalCountry: country, postalCode: "0" }).length > 0;

/** An order's shipping address as lines to print (mail, order page, admin, app); empty when it has none. */
export function shippingAddressLines(order: {
  shipName: string | null;
  shipLine1: string | null;
  shipLine2: string | null;
  shipCity: string | null;
  shipRegion: string | null;
  shipPostalCode: string | null;
  shipCountry: string | null;
}): string[] {
  if (!order.shipLine1) return [];
  const country = order.shipCountry?.trim().toUpperCase() ?? "";
  const address = {
    postalCountry: country,
    name: order.shipName ?? "",
    addressLines: [order.shipLine1, order.shipLine2 ?? ""],
    locality: order.shipCity ?? "",
    administrativeArea: order.shipRegion ?? "",
    postalCode: order.shipPostalCode ?? "",
  };
  // Each country's post reads the lines in its own order (Google's address data). Every checkout
  // address has a postcode, so a layout without one gets the common "city region postcode" line.
  const lines = hasPostcodeLine(country)
    ? formatAddress(address)
    : [
        ...formatAddress({ name: address.name, addressLines: address.addressLines }),
        [address.locality, address.administrativeArea, address.postalCode].filter(Boolean).join(" "),
      ];
  const countryName = country ? (SHIPPING_COUNTRIES[country as ShippingCountry] ?? country) : "";
  return [...lines, countryName].filter(Boolean);
}
