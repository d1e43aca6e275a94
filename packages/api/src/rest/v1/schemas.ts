// What REST v1 answers, as Zod schemas: each procedure's `.output()`, and through it the OpenAPI
// document's components. These are the public contract (README, "Versioning"): inside v1 a field
// may be added, never renamed, retyped or removed. Times are ISO 8601 strings in UTC; money is
// an integer in minor units beside its currency.
import { ORDER_STATUSES } from "@bazaar/validators";
import { z } from "zod";

const id = z.string().meta({ description: "An opaque identifier." });
const dateTime = z.iso.datetime().meta({ description: "ISO 8601, UTC." });
const nextCursor = z
  .string()
  .nullable()
  .meta({ description: "Pass as `cursor` for the next page; null on the last page." });

export const Money = z
  .object({
    amount: z.int().meta({ description: "Minor units (cents)." }),
    currency: z.string().length(3).meta({ description: "ISO 4217 code." }),
  })
  .meta({ id: "Money" });

const Image = z
  .object({ url: z.string(), alt: z.string(), width: z.int(), height: z.int() })
  .meta({ id: "Image" });

export const ProductSummary = z
  .object({
    id,
    slug: z.string(),
    name: z.string(),
    category: z.object({ slug: z.string(), name: z.string() }),
    priceFrom: Money.meta({ description: "The cheapest variant's price." }),
    compareAtFrom: Money.nullable(),
    inStock: z.boolean(),
    image: Image.nullable(),
  })
  .meta({ id: "ProductSummary" });

/** One page of a list, and how many match in all. */
const pageOf = (item: z.ZodType, id: string) =>
  z.object({ items: z.array(item), nextCursor, total: z.int() }).meta({ id });

export const ProductPage = pageOf(ProductSummary, "ProductPage");

export const Product = z
  .object({
    id,
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    updatedAt: dateTime,
    category: z.object({ slug: z.string(), name: z.string() }),
    images: z.array(Image),
    variants: z.array(
      z.object({
        id,
        sku: z.string(),
        name: z.string(),
        options: z.record(z.string(), z.string()),
        price: Money,
        compareAt: Money.nullable(),
        inStock: z.boolean(),
      }),
    ),
  })
  .meta({ id: "Product" });

export const Category = z
  .object({
    id,
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    parentId: id.nullable(),
    productCount: z.int().meta({ description: "Published products here and in every category below." }),
  })
  .meta({ id: "Category" });

export const SearchResults = z
  .object({
    products: z.array(z.object({ slug: z.string(), name: z.string(), priceFrom: Money })),
    categories: z.array(z.object({ slug: z.string(), name: z.string() })),
  })
  .meta({ id: "SearchResults" });

export const StockLevel = z
  .object({
    variantId: id,
    sku: z.string(),
    productId: id,
    productSlug: z.string(),
    stockOnHand: z.int(),
  })
  .meta({ id: "StockLevel" });

export const StockPage = z.object({ items: z.array(StockLevel), nextCursor }).meta({ id: "StockPage" });

export const StockAdjusted = z
  .object({ variantId: id, stockOnHand: z.int().meta({ description: "On hand after the change." }) })
  .meta({ id: "StockAdjusted" });

const OrderStatus = z.enum(ORDER_STATUSES).meta({ id: "OrderStatus" });

const orderHead = {
  id,
  number: z.int(),
  status: OrderStatus,
  email: z.string(),
  currency: z.string().length(3),
  totalAmount: z.int(),
  refundedAmount: z.int(),
  placedAt: dateTime,
};

export const OrderSummary = z.object(orderHead).meta({ id: "OrderSummary" });

export const OrderPage = pageOf(OrderSummary, "OrderPage");

export const Order = z
  .object({
    ...orderHead,
    subtotalAmount: z.int(),
    shippingAmount: z.int(),
    taxAmount: z.int(),
    lines: z.array(
      z.object({
        variantId: id.nullable().meta({ description: "Null once the variant left the catalog." }),
        sku: z.string(),
        productName: z.string(),
        variantName: z.string(),
        unitAmount: z.int(),
        quantity: z.int(),
        lineAmount: z.int(),
      }),
    ),
    shippingAddress: z
      .object({
        name: z.string(),
        line1: z.string(),
        line2: z.string().nullable(),
        city: z.string(),
        region: z.string().nullable(),
        postalCode: z.string(),
        country: z.string().length(2),
      })
      .nullable(),
    shippingMethod: z.string().nullable(),
    carrier: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    reservedUntil: dateTime.nullable().meta({ description: "Unpaid, the stock is held until then." }),
    paidAt: dateTime.nullable(),
    fulfilledAt: dateTime.nullable(),
    cancelledAt: dateTime.nullable(),
    orderUrl: z.url().meta({ description: "The order's page, where the buyer pays and follows it." }),
  })
  .meta({ id: "Order" });

/** Every error, whatever the endpoint: the one shape the document promises for 4xx and 5xx. */
export const ApiError = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "e.g. BAD_REQUEST, UNAUTHORIZED, NOT_FOUND, CONFLICT." }),
      message: z.string(),
      fieldErrors: z
        .record(z.string(), z.array(z.string()))
        .nullable()
        .meta({ description: "Messages per input field (dotted paths), when the input was refused." }),
      stockConflicts: z
        .array(
          z.object({
            variantId: id,
            productName: z.string(),
            variantName: z.string(),
            requested: z.int(),
            available: z.int().meta({ description: "How many are left; 0: sold out." }),
          }),
        )
        .nullable()
        .meta({
          description: "On a 409 for stock: each item asked for beyond what is left. Null otherwise.",
        }),
      requestId: z.string().nullable().meta({ description: "Quote it when reporting a problem." }),
    }),
  })
  .meta({ id: "Error" });
export type ApiError = z.infer<typeof ApiError>;
