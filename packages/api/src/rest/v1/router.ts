// REST v1 (/api/v1): tRPC procedures that `meta.openapi` puts on a path, served by
// trpc-to-openapi and described by the OpenAPI document it generates. Like every router here,
// each names its input schema (shared with the tRPC side where the shape is the same), its access
// rule (an API key's scope) and calls the service the tRPC procedures call; the output schema is
// the public contract (schemas.ts). Literal paths come before parameter paths: the first match wins.
import {
  getAdminOrderInput,
  fulfilOrderInput,
  orderQueryInput,
  placeApiOrderInput,
  productBySlugInput,
  productQueryInput,
  searchSuggestInput,
  stockAdjustmentBody,
  stockLevelsQueryInput,
} from "@bazaar/validators";
import { z } from "zod";

import * as adminOrders from "../../admin/orders/service.ts";
import * as stock from "../../admin/stock/service.ts";
import * as catalog from "../../catalog/service.ts";
import { checkoutLines } from "../../checkout/service.ts";
import type { Context } from "../../context.ts";
import { orderPagePath } from "../../orders/access.ts";
import { findOrder, type PlacedOrder } from "../../orders/service.ts";
import { apiKeyProcedure, createTRPCRouter } from "../../trpc.ts";
import * as v1 from "./schemas.ts";

const readCatalog = apiKeyProcedure("catalog:read");
const readStock = apiKeyProcedure("stock:read");
const writeStock = apiKeyProcedure("stock:write");
const readOrders = apiKeyProcedure("orders:read");
const writeOrders = apiKeyProcedure("orders:write");
const writeFulfilment = apiKeyProcedure("fulfilment:write");

const noInput = z.object({});
const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;

function flattenCategories(
  nodes: catalog.CategoryNode[],
  parentId: string | null = null,
): z.infer<typeof v1.Category>[] {
  return nodes.flatMap(({ children, ...node }) => [
    { ...node, parentId },
    ...flattenCategories(children, node.id),
  ]);
}

function presentOrder(ctx: Context, order: PlacedOrder): z.infer<typeof v1.Order> {
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    email: order.email,
    currency: order.currency.trim(),
    subtotalAmount: order.subtotalAmount,
    shippingAmount: order.shippingAmount,
    taxAmount: order.taxAmount,
    totalAmount: order.totalAmount,
    refundedAmount: order.refundedAmount,
    lines: order.lines.map((line) => ({
      variantId: line.variantId,
      sku: line.sku,
      productName: line.productName,
      variantName: line.variantName,
      unitAmount: line.unitAmount,
      quantity: line.quantity,
      lineAmount: line.lineAmount,
    })),
    shippingAddress:
      order.shipLine1 && order.shipName && order.shipCity && order.shipPostalCode && order.shipCountry
        ? {
            name: order.shipName,
            line1: order.shipLine1,
            line2: order.shipLine2,
            city: order.shipCity,
            region: order.shipRegion,
            postalCode: order.shipPostalCode,
            country: order.shipCountry,
          }
        : null,
    shippingMethod: order.shippingMethod,
    carrier: order.carrier,
    trackingNumber: order.trackingNumber,
    placedAt: iso(order.createdAt),
    reservedUntil: isoOrNull(order.reservedUntil),
    paidAt: isoOrNull(order.paidAt),
    fulfilledAt: isoOrNull(order.fulfilledAt),
    cancelledAt: isoOrNull(order.cancelledAt),
    orderUrl: new URL(orderPagePath(ctx.signingSecret, order), ctx.appUrl).toString(),
  };
}

/** Audit entries written through a key name the key as the actor. */
const requestMeta = (ctx: Context) => ({ ip: ctx.ip, userAgent: ctx.userAgent });

export const restV1Router = createTRPCRouter({
  products: createTRPCRouter({
    list: readCatalog
      .meta({
        openapi: {
          method: "GET",
          path: "/products",
          tags: ["Catalog"],
          summary: "List published products",
          description: "Filter by category, search words, price and stock; newest first unless sorted.",
        },
      })
      .input(productQueryInput)
      .output(v1.ProductPage)
      .query(async ({ ctx, input }) => {
        const { items, nextCursor, total } = await catalog.listProducts(ctx.db, input);
        return { items, nextCursor, total };
      }),
    get: readCatalog
      .meta({
        openapi: {
          method: "GET",
          path: "/products/{slug}",
          tags: ["Catalog"],
          summary: "One published product",
        },
      })
      .input(productBySlugInput)
      .output(v1.Product)
      .query(async ({ ctx, input }) => {
        const product = await catalog.getProductBySlug(ctx.db, input.slug);
        return {
          ...product,
          updatedAt: iso(product.updatedAt),
          images: product.images.map(({ url, alt, width, height }) => ({ url, alt, width, height })),
          variants: product.variants.map(({ id, sku, name, options, price, compareAt, inStock }) => ({
            id,
            sku,
            name,
            options,
            price,
            compareAt,
            inStock,
          })),
        };
      }),
  }),
  categories: readCatalog
    .meta({
      openapi: {
        method: "GET",
        path: "/categories",
        tags: ["Catalog"],
        summary: "Every category",
        description: "In shop order, each after its parent; `parentId` rebuilds the tree.",
      },
    })
    .input(noInput)
    .output(z.array(v1.Category))
    .query(async ({ ctx }) => flattenCategories(await catalog.listCategories(ctx.db))),
  search: readCatalog
    .meta({
      openapi: {
        method: "GET",
        path: "/search",
        tags: ["Catalog"],
        summary: "Products and categories whose names match",
        description: "Close spellings match too. For a full filtered listing use GET /products?q=.",
      },
    })
    .input(
      searchSuggestInput.extend({
        limit: z.coerce.number().pipe(searchSuggestInput.shape.limit.unwrap()).default(6),
      }),
    )
    .output(v1.SearchResults)
    .query(({ ctx, input }) => catalog.suggest(ctx.db, input)),
  stock: createTRPCRouter({
    list: readStock
      .meta({
        openapi: { method: "GET", path: "/stock", tags: ["Stock"], summary: "Stock on hand per variant" },
      })
      .input(stockLevelsQueryInput)
      .output(v1.StockPage)
      .query(({ ctx, input }) => stock.listStockLevels(ctx.db, input)),
    adjust: writeStock
      .meta({
        openapi: {
          method: "POST",
          path: "/stock/{variantId}/adjustments",
          tags: ["Stock"],
          summary: "Add or take stock, with a reason",
          description:
            "RECEIVED and RETURNED add, DAMAGED takes away, CORRECTION either way. Taking more than is on hand is a 409.",
        },
      })
      .input(stockAdjustmentBody)
      .output(v1.StockAdjusted)
      .mutation(({ ctx, input }) => stock.adjustStock(ctx.db, ctx.apiKey.id, input, requestMeta(ctx))),
  }),
  orders: createTRPCRouter({
    list: readOrders
      .meta({
        openapi: {
          method: "GET",
          path: "/orders",
          tags: ["Orders"],
          summary: "Orders, newest first",
          description: "Filter by status, days placed (UTC) and number or part of the email.",
        },
      })
      .input(orderQueryInput)
      .output(v1.OrderPage)
      .query(async ({ ctx, input }) => {
        const page = await adminOrders.listOrders(ctx.db, input);
        return {
          items: page.items.map(({ createdAt, ...row }) => ({
            ...row,
            currency: row.currency.trim(),
            placedAt: iso(createdAt),
          })),
          nextCursor: page.nextCursor,
          total: page.total,
        };
      }),
    place: writeOrders
      .meta({
        openapi: {
          method: "POST",
          path: "/orders",
          tags: ["Orders"],
          summary: "Place an order for items",
          description:
            "Priced, shipped and taxed by the shop; the stock is held until `reservedUntil` while the buyer pays at `orderUrl`. Send a fresh `idempotencyKey` per order and the same one on every retry of it: a retry answers with the first order.",
          successDescription: "The order placed (or, for a retry, the one placed first).",
        },
      })
      .input(placeApiOrderInput)
      .output(v1.Order)
      .mutation(async ({ ctx, input }) =>
        presentOrder(ctx, await checkoutLines(ctx.db, { ...input, scope: `api-key:${ctx.apiKey.id}` })),
      ),
    get: readOrders
      .meta({ openapi: { method: "GET", path: "/orders/{id}", tags: ["Orders"], summary: "One order" } })
      .input(getAdminOrderInput)
      .output(v1.Order)
      .query(async ({ ctx, input }) => presentOrder(ctx, await findOrder(ctx.db, input.id))),
    fulfil: writeFulfilment
      .meta({
        openapi: {
          method: "POST",
          path: "/orders/{orderId}/fulfilment",
          tags: ["Orders"],
          summary: "Mark a paid order shipped",
          description:
            "The buyer is told by mail with the tracking number. An order already shipped is a 409.",
        },
      })
      .input(fulfilOrderInput)
      .output(v1.Order)
      .mutation(async ({ ctx, input }) => {
        await adminOrders.fulfilOrder(ctx.db, ctx.apiKey.id, input, requestMeta(ctx));
        return presentOrder(ctx, await findOrder(ctx.db, input.orderId));
      }),
  }),
});

export type RestV1Router = typeof restV1Router;
