import { z } from "zod";

import { emailSchema } from "./account.ts";

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

const line = (max: number) => z.string().trim().min(1, "is required").max(max, "is too long");

export const addressSchema = z
  .object({
    name: line(100),
    line1: line(200),
    line2: z.string().trim().max(200, "is too long").optional(),
    city: line(100),
    region: z
      .string()
      .trim()
      .toUpperCase()
      .max(50, "is too long")
      .optional()
      .transform((value) => (value === "" ? undefined : value)),
    postalCode: z.string().trim().toUpperCase().min(1, "is required").max(12, "is too long"),
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
  shippingRate: z.string().min(1, "is required").max(50, "is too long").optional(),
});

export const placeOrderInput = z.object({
  email: emailSchema,
  address: addressSchema,
  shippingRate: z.string().min(1, "is required").max(50, "is too long"),
  idempotencyKey: idempotencyKeySchema,
});

/** The most of one item a cart line holds (the database's CHECK says the same). */
export const MAX_LINE_QUANTITY = 20;

const variantIdSchema = z.string().min(1, "is required").max(64, "is too long");

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

export const orderIdInput = z.object({ orderId: z.string().min(1, "is required").max(64, "is too long") });

/** An order, and for a guest away from the cart that placed it, the signed `access` from its link. */
export const orderLookupInput = orderIdInput.extend({
  access: z.string().max(200, "is too long").optional(),
});

/** An order's shipping address as lines to print (mail, order page); empty when it has none. */
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
  const country = order.shipCountry?.trim();
  return [
    order.shipName,
    order.shipLine1,
    order.shipLine2,
    [order.shipPostalCode, order.shipCity, order.shipRegion].filter(Boolean).join(" "),
    country ? (SHIPPING_COUNTRIES[country as ShippingCountry] ?? country) : null,
  ].filter((part): part is string => Boolean(part));
}
