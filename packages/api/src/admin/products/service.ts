// Staff build the catalog: products, their variants and their status. Every write is one
// transaction with its audit entry; the storefront's cached reads are told what went stale once
// it has committed, and only when shoppers could see the product (a draft shows nowhere).
import type { RequestMeta } from "@bazaar/auth";
import { Prisma, type Db, type ProductStatus } from "@bazaar/db";
import {
  encodeAdminCursor,
  sameOptions,
  type AdminPage,
  type addVariantInput,
  type adminProductListInput,
  type createProductInput,
  type updateProductInput,
  type updateVariantInput,
  type VariantOptions,
} from "@bazaar/validators";
import type { z } from "zod";

import { changedFields, recordChange, type AuditChange } from "../../audit/record.ts";
import { catalogChanged, catalogTags, productChangeTags } from "../../catalog/cache-tags.ts";
import { fieldError, notFound } from "../../errors.ts";
import { describeStockChange } from "../../stock/ledger.ts";
import { emitWebhookEvent } from "../../webhooks/events.ts";

type Tx = Prisma.TransactionClient;

// ----- reading ------------------------------------------------------------------------------

export interface AdminProductRow {
  id: string;
  slug: string;
  name: string;
  status: ProductStatus;
  category: { id: string; name: string };
  variantCount: number;
  totalStock: number;
  /** Cheapest and dearest variant, in the product's currency; null without variants. */
  price: { min: number; max: number; currency: string } | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The ids of a category and of every category below it. */
async function categoryAndBelow(db: Db, categoryId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE tree AS (
      SELECT "id" FROM "Category" WHERE "id" = ${categoryId}
      UNION ALL
      SELECT c."id" FROM "Category" c JOIN tree ON c."parentId" = tree."id"
    )
    SELECT "id" FROM tree`;
  return rows.map((row) => row.id);
}

/**
 * The products table, newest first, by keyset: search by name or SKU, filter by status and by
 * category (a department includes the categories inside it).
 */
export async function listProducts(
  db: Db,
  input: z.output<typeof adminProductListInput>,
): Promise<AdminPage<AdminProductRow>> {
  const filters: Prisma.ProductWhereInput[] = [];
  if (input.status) filters.push({ status: input.status });
  if (input.categoryId) filters.push({ categoryId: { in: await categoryAndBelow(db, input.categoryId) } });
  if (input.q)
    filters.push({
      OR: [
        { name: { contains: input.q, mode: "insensitive" } },
        { variants: { some: { sku: { contains: input.q, mode: "insensitive" } } } },
      ],
    });
  const where: Prisma.ProductWhereInput = { AND: filters };
  const { cursor } = input;
  const [rows, total] = await Promise.all([
    db.product.findMany({
      where: cursor
        ? {
            AND: [
              where,
              {
                OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }],
              },
            ],
          }
        : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      select: {
        id: true,
        slug: true,
        name: true,
        status: true,
        createdAt: true,
        updatedAt: true,
        category: { select: { id: true, name: true } },
        variants: { select: { priceAmount: true, currency: true, stockOnHand: true } },
      },
    }),
    db.product.count({ where }),
  ]);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ variants, ...product }) => {
      const prices = variants.map((v) => v.priceAmount);
      return {
        ...product,
        variantCount: variants.length,
        totalStock: variants.reduce((sum, v) => sum + v.stockOnHand, 0),
        price: variants[0]
          ? { min: Math.min(...prices), max: Math.max(...prices), currency: variants[0].currency.trim() }
          : null,
      };
    }),
    nextCursor:
      rows.length > input.limit && last ? encodeAdminCursor({ at: last.createdAt, id: last.id }) : null,
    total,
  };
}

/** Everything the edit page shows: the product, its category, variants with stock, pictures in order. */
export async function getProduct(db: Db, productId: string) {
  const product = await db.product.findUnique({
    where: { id: productId },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      status: true,
      featured: true,
      createdAt: true,
      updatedAt: true,
      category: { select: { id: true, name: true, slug: true } },
      variants: {
        orderBy: [{ position: "asc" }, { id: "asc" }],
        select: {
          id: true,
          sku: true,
          name: true,
          options: true,
          priceAmount: true,
          compareAtAmount: true,
          currency: true,
          stockOnHand: true,
          position: true,
        },
      },
      images: {
        orderBy: [{ position: "asc" }, { id: "asc" }],
        select: { id: true, url: true, alt: true, width: true, height: true, position: true },
      },
    },
  });
  if (!product) throw notFound("That product");
  return {
    ...product,
    variants: product.variants.map((variant) => ({
      ...variant,
      currency: variant.currency.trim(),
      options: variant.options as VariantOptions,
    })),
  };
}

// ----- shared checks --------------------------------------------------------------------------

/** The product row, locked until the transaction ends: its variants and pictures change one writer at a time. */
export async function lockProduct(tx: Tx, productId: string) {
  const [product] = await tx.$queryRaw<{ id: string; slug: string; status: ProductStatus }[]>`
    SELECT "id", "slug", "status" FROM "Product" WHERE "id" = ${productId} FOR UPDATE`;
  if (!product) throw notFound("That product");
  return product;
}

/**
 * Audit a change to a product, its variants or its pictures, and tell webhook receivers
 * (product.updated) with the product as it now is, in the same transaction.
 */
export async function recordProductChange(
  tx: Tx,
  product: { id: string; slug: string; status: ProductStatus },
  change: AuditChange,
  meta: RequestMeta,
): Promise<void> {
  await recordChange(tx, change, meta);
  await emitWebhookEvent(tx, "product.updated", {
    productId: product.id,
    slug: product.slug,
    status: product.status,
  });
}

/**
 * The category must exist; the share lock keeps it from being deleted before this transaction
 * commits (a delete then waits, and finds the product).
 */
async function requireCategory(tx: Tx, categoryId: string): Promise<void> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Category" WHERE "id" = ${categoryId} FOR KEY SHARE`;
  if (!row) throw fieldError("NOT_FOUND", "categoryId", "does not exist");
}

async function requireFreeSlug(tx: Tx, slug: string, exceptId?: string): Promise<void> {
  const taken = await tx.product.findUnique({ where: { slug }, select: { id: true } });
  if (taken && taken.id !== exceptId)
    throw fieldError("CONFLICT", "slug", "is already used by another product");
}

/** The first SKU of `skus` that another variant has, named by `field(index)`. */
async function requireFreeSkus(
  tx: Tx | Db,
  skus: string[],
  field: (index: number) => string,
  exceptVariantId?: string,
): Promise<void> {
  const taken = await tx.productVariant.findMany({
    where: { sku: { in: skus }, ...(exceptVariantId ? { id: { not: exceptVariantId } } : {}) },
    select: { sku: true },
  });
  const index = skus.findIndex((sku) => taken.some((row) => row.sku === sku));
  if (index !== -1) throw fieldError("CONFLICT", field(index), "is already used by another variant");
}

/** Two variants of one product must be told apart by their options. */
function requireDistinctOptions(
  options: VariantOptions,
  siblings: { id: string; options: Prisma.JsonValue }[],
  exceptVariantId?: string,
): void {
  const twin = siblings.find(
    (sibling) => sibling.id !== exceptVariantId && sameOptions(sibling.options as VariantOptions, options),
  );
  if (twin) throw fieldError("CONFLICT", "options", "are the same as another variant's");
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/**
 * Run a write whose pre-checks of slug and SKU a concurrent write could overtake: the unique
 * index then refuses it, and `explain` turns that into the same 409 the pre-check gives.
 */
async function withUniqueChecks<T>(write: () => Promise<T>, explain: () => Promise<void>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) await explain();
    throw error;
  }
}

/** Tell the storefront's caches, after commit; a product shoppers cannot see changes nothing of theirs. */
export async function announce(status: ProductStatus, tags: string[]): Promise<void> {
  if (status === "PUBLISHED" && tags.length > 0) await catalogChanged(tags);
}

const productFields = (product: {
  name: string;
  slug: string;
  description: string;
  categoryId: string;
  featured: boolean;
}) => ({
  name: product.name,
  slug: product.slug,
  description: product.description,
  categoryId: product.categoryId,
  featured: product.featured,
});

const variantFields = (variant: {
  sku: string;
  name: string;
  options: unknown;
  priceAmount: number;
  compareAtAmount: number | null;
  currency: string;
}) => ({
  sku: variant.sku,
  name: variant.name,
  options: variant.options,
  priceAmount: variant.priceAmount,
  compareAtAmount: variant.compareAtAmount,
  currency: variant.currency.trim(),
});

// ----- products -----------------------------------------------------------------------------

/**
 * A product and its first variants, in one transaction. The variants' opening stock is entered in
 * the ledger as OPENING (by the database, with the actor named here).
 */
export async function createProduct(
  db: Db,
  actorId: string,
  input: z.output<typeof createProductInput>,
  meta: RequestMeta,
) {
  const skus = input.variants.map((variant) => variant.sku);
  const skuField = (index: number) => `variants.${index}.sku`;
  const product = await withUniqueChecks(
    () =>
      db.$transaction(async (tx) => {
        await requireCategory(tx, input.categoryId);
        await requireFreeSlug(tx, input.slug);
        await requireFreeSkus(tx, skus, skuField);
        await describeStockChange(tx, { reason: "OPENING", actorId });
        const created = await tx.product.create({
          data: {
            name: input.name,
            slug: input.slug,
            description: input.description,
            categoryId: input.categoryId,
            featured: input.featured,
            status: input.status,
            variants: {
              create: input.variants.map((variant, position) => ({
                sku: variant.sku,
                name: variant.name,
                options: variant.options,
                priceAmount: variant.priceAmount,
                compareAtAmount: variant.compareAtAmount,
                currency: variant.currency,
                stockOnHand: variant.openingStock,
                position,
              })),
            },
          },
          select: {
            id: true,
            slug: true,
            status: true,
            variants: { orderBy: { position: "asc" }, select: { id: true, sku: true } },
          },
        });
        await recordProductChange(
          tx,
          created,
          {
            action: "product.created",
            actorId,
            targetType: "product",
            targetId: created.id,
            before: null,
            after: {
              ...productFields(input),
              status: input.status,
              variants: input.variants.map((variant) => ({
                ...variantFields(variant),
                stockOnHand: variant.openingStock,
              })),
            },
          },
          meta,
        );
        return created;
      }),
    async () => {
      await requireFreeSlug(db, input.slug);
      await requireFreeSkus(db, skus, skuField);
    },
  );
  // Created as published, it is in listings, search and category counts from now on.
  await announce(product.status, [catalogTags.all]);
  return product;
}

/** Change a product's own fields; what is left out stays. */
export async function updateProduct(
  db: Db,
  actorId: string,
  input: z.output<typeof updateProductInput>,
  meta: RequestMeta,
) {
  const { productId, ...changes } = input;
  const result = await withUniqueChecks(
    () =>
      db.$transaction(async (tx) => {
        await lockProduct(tx, productId);
        const current = await tx.product.findUniqueOrThrow({ where: { id: productId } });
        if (changes.slug !== undefined && changes.slug !== current.slug)
          await requireFreeSlug(tx, changes.slug, productId);
        if (changes.categoryId !== undefined && changes.categoryId !== current.categoryId)
          await requireCategory(tx, changes.categoryId);
        const before = productFields(current);
        const after = productFields({
          name: changes.name ?? current.name,
          slug: changes.slug ?? current.slug,
          description: changes.description ?? current.description,
          categoryId: changes.categoryId ?? current.categoryId,
          featured: changes.featured ?? current.featured,
        });
        const diff = changedFields(before, after);
        if (Object.keys(diff.after).length === 0) return { product: current, diff };
        const product = await tx.product.update({ where: { id: productId }, data: after });
        await recordProductChange(
          tx,
          product,
          { action: "product.updated", actorId, targetType: "product", targetId: productId, ...diff },
          meta,
        );
        return { product, diff };
      }),
    () => (changes.slug ? requireFreeSlug(db, changes.slug, productId) : Promise.resolve()),
  );
  const changed = Object.keys(result.diff.after);
  // A new address or category moves the product between pages and counts: every catalog read is
  // stale. Other edits show on its own page and in listings.
  const structural = changed.includes("slug") || changed.includes("categoryId");
  await announce(
    result.product.status,
    changed.length === 0 ? [] : structural ? [catalogTags.all] : productChangeTags([result.product.slug]),
  );
  return result.product;
}

const STATUS_ACTIONS = {
  DRAFT: "product.unpublished",
  PUBLISHED: "product.published",
  ARCHIVED: "product.archived",
} as const;

/** Publish (shoppers see it at once), take back to draft, or archive. */
export async function setProductStatus(
  db: Db,
  actorId: string,
  input: { productId: string; status: ProductStatus },
  meta: RequestMeta,
) {
  const result = await db.$transaction(async (tx) => {
    const product = await lockProduct(tx, input.productId);
    if (product.status === input.status) return { ...product, was: product.status };
    if (input.status === "PUBLISHED") {
      const variants = await tx.productVariant.count({ where: { productId: input.productId } });
      if (variants === 0) throw fieldError("CONFLICT", "status", "needs at least one variant to publish");
    }
    await tx.product.update({ where: { id: input.productId }, data: { status: input.status } });
    await recordProductChange(
      tx,
      { ...product, status: input.status },
      {
        action: STATUS_ACTIONS[input.status],
        actorId,
        targetType: "product",
        targetId: input.productId,
        before: { status: product.status },
        after: { status: input.status },
      },
      meta,
    );
    return { ...product, status: input.status, was: product.status };
  });
  // In or out of the storefront: listings, search, counts and its page all change.
  if (result.was !== result.status && (result.was === "PUBLISHED" || result.status === "PUBLISHED"))
    await catalogChanged([catalogTags.all]);
  return { id: result.id, slug: result.slug, status: result.status };
}

// ----- variants -----------------------------------------------------------------------------

const variantSelect = {
  id: true,
  productId: true,
  sku: true,
  name: true,
  options: true,
  priceAmount: true,
  compareAtAmount: true,
  currency: true,
  stockOnHand: true,
  position: true,
} satisfies Prisma.ProductVariantSelect;

/** Another variant, in the product's currency, last in order; its opening stock enters the ledger. */
export async function addVariant(
  db: Db,
  actorId: string,
  input: z.output<typeof addVariantInput>,
  meta: RequestMeta,
) {
  const result = await withUniqueChecks(
    () =>
      db.$transaction(async (tx) => {
        const product = await lockProduct(tx, input.productId);
        const siblings = await tx.productVariant.findMany({
          where: { productId: input.productId },
          select: { id: true, options: true, currency: true, position: true },
          orderBy: { position: "asc" },
        });
        await requireFreeSkus(tx, [input.sku], () => "sku");
        requireDistinctOptions(input.options, siblings);
        await describeStockChange(tx, { reason: "OPENING", actorId });
        const variant = await tx.productVariant.create({
          data: {
            productId: input.productId,
            sku: input.sku,
            name: input.name,
            options: input.options,
            priceAmount: input.priceAmount,
            compareAtAmount: input.compareAtAmount,
            // Every variant has the product's currency (there is always one: the last cannot be removed).
            currency: siblings[0]?.currency.trim() ?? "USD",
            stockOnHand: input.openingStock,
            position: Math.max(-1, ...siblings.map((s) => s.position)) + 1,
          },
          select: variantSelect,
        });
        await recordProductChange(
          tx,
          product,
          {
            action: "variant.added",
            actorId,
            targetType: "variant",
            targetId: variant.id,
            before: null,
            after: { ...variantFields(variant), stockOnHand: variant.stockOnHand },
            details: { productId: input.productId },
          },
          meta,
        );
        return { product, variant };
      }),
    () => requireFreeSkus(db, [input.sku], () => "sku"),
  );
  await announce(result.product.status, productChangeTags([result.product.slug]));
  return result.variant;
}

/** Change a variant's SKU, name, options or prices. Stock is not here: it moves by adjustments only. */
export async function updateVariant(
  db: Db,
  actorId: string,
  input: z.output<typeof updateVariantInput>,
  meta: RequestMeta,
) {
  const { variantId, ...changes } = input;
  const result = await withUniqueChecks(
    () =>
      db.$transaction(async (tx) => {
        const found = await tx.productVariant.findUnique({
          where: { id: variantId },
          select: { productId: true },
        });
        if (!found) throw notFound("That variant");
        const product = await lockProduct(tx, found.productId);
        const current = await tx.productVariant.findUniqueOrThrow({
          where: { id: variantId },
          select: variantSelect,
        });
        if (changes.sku !== undefined && changes.sku !== current.sku)
          await requireFreeSkus(tx, [changes.sku], () => "sku", variantId);
        if (changes.options !== undefined) {
          const siblings = await tx.productVariant.findMany({
            where: { productId: found.productId },
            select: { id: true, options: true },
          });
          requireDistinctOptions(changes.options, siblings, variantId);
        }
        const price = changes.priceAmount ?? current.priceAmount;
        const compareAt =
          changes.compareAtAmount === undefined ? current.compareAtAmount : changes.compareAtAmount;
        if (compareAt !== null && compareAt <= price)
          throw fieldError("BAD_REQUEST", "compareAtAmount", "must be above the price");
        const next = {
          sku: changes.sku ?? current.sku,
          name: changes.name ?? current.name,
          options: changes.options ?? (current.options as VariantOptions),
          priceAmount: price,
          compareAtAmount: compareAt,
        };
        const diff = changedFields(
          variantFields(current),
          variantFields({ ...next, currency: current.currency }),
        );
        if (Object.keys(diff.after).length === 0) return { product, variant: current, changed: false };
        const variant = await tx.productVariant.update({
          where: { id: variantId },
          data: next,
          select: variantSelect,
        });
        await recordProductChange(
          tx,
          product,
          {
            action: "variant.updated",
            actorId,
            targetType: "variant",
            targetId: variantId,
            ...diff,
            details: { productId: found.productId },
          },
          meta,
        );
        return { product, variant, changed: true };
      }),
    () => (changes.sku ? requireFreeSkus(db, [changes.sku], () => "sku", variantId) : Promise.resolve()),
  );
  if (result.changed) await announce(result.product.status, productChangeTags([result.product.slug]));
  return { ...result.variant, currency: result.variant.currency.trim() };
}

/**
 * Remove a variant a product no longer sells. Its ledger goes with it (the audit entry keeps what
 * it was); orders that sold it keep their own copy of the line. A product keeps at least one.
 */
export async function removeVariant(db: Db, actorId: string, variantId: string, meta: RequestMeta) {
  const result = await db.$transaction(async (tx) => {
    const found = await tx.productVariant.findUnique({
      where: { id: variantId },
      select: { productId: true },
    });
    if (!found) throw notFound("That variant");
    const product = await lockProduct(tx, found.productId);
    const count = await tx.productVariant.count({ where: { productId: found.productId } });
    if (count <= 1)
      throw fieldError(
        "CONFLICT",
        "variantId",
        "is the product's only variant: add another before removing it",
      );
    const variant = await tx.productVariant.delete({ where: { id: variantId }, select: variantSelect });
    await recordProductChange(
      tx,
      product,
      {
        action: "variant.removed",
        actorId,
        targetType: "variant",
        targetId: variantId,
        before: { ...variantFields(variant), stockOnHand: variant.stockOnHand },
        after: null,
        details: { productId: found.productId },
      },
      meta,
    );
    return product;
  });
  await announce(result.status, productChangeTags([result.slug]));
  return { variantId };
}
