// Staff arrange the catalog's categories: a tree of departments and the categories inside them.
// Every change reshapes what the storefront lists, so each one names every catalog read stale
// once it has committed.
import type { RequestMeta } from "@bazaar/auth";
import { Prisma, type Db } from "@bazaar/db";
import type { createCategoryInput, updateCategoryInput } from "@bazaar/validators";
import type { z } from "zod";

import { changedFields, recordChange } from "../../audit/record.ts";
import { catalogChanged, catalogTags } from "../../catalog/cache-tags.ts";
import { fieldError, notFound } from "../../errors.ts";

type Tx = Prisma.TransactionClient;

export interface AdminCategoryNode {
  id: string;
  slug: string;
  name: string;
  description: string;
  parentId: string | null;
  /** Products filed directly here, whatever their status. */
  productCount: number;
  /** Products here and in every category below. */
  totalProductCount: number;
  children: AdminCategoryNode[];
}

/** Every category as a tree, in shop order, with how many products each holds (drafts too). */
export async function listCategories(db: Db): Promise<AdminCategoryNode[]> {
  const rows = await db.category.findMany({
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      parentId: true,
      _count: { select: { products: true } },
    },
  });
  const nodes = new Map<string, AdminCategoryNode>(
    rows.map(({ _count, ...row }) => [
      row.id,
      { ...row, productCount: _count.products, totalProductCount: 0, children: [] },
    ]),
  );
  const roots: AdminCategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const total = (node: AdminCategoryNode): number =>
    (node.totalProductCount =
      node.productCount + node.children.reduce((sum, child) => sum + total(child), 0));
  roots.forEach(total);
  return roots;
}

async function requireFreeSlug(tx: Tx | Db, slug: string, exceptId?: string): Promise<void> {
  const taken = await tx.category.findUnique({ where: { slug }, select: { id: true } });
  if (taken && taken.id !== exceptId)
    throw fieldError("CONFLICT", "slug", "is already used by another category");
}

/** The parent must exist; the share lock keeps it from being deleted before this commits. */
async function requireParent(tx: Tx, parentId: string): Promise<void> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Category" WHERE "id" = ${parentId} FOR KEY SHARE`;
  if (!row) throw fieldError("NOT_FOUND", "parentId", "does not exist");
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

const fields = (category: { name: string; slug: string; description: string; parentId: string | null }) => ({
  name: category.name,
  slug: category.slug,
  description: category.description,
  parentId: category.parentId,
});

const categorySelect = {
  id: true,
  slug: true,
  name: true,
  description: true,
  parentId: true,
  position: true,
} as const;

/** A new category, last among its siblings. */
export async function createCategory(
  db: Db,
  actorId: string,
  input: z.output<typeof createCategoryInput>,
  meta: RequestMeta,
) {
  const parentId = input.parentId ?? null;
  let category;
  try {
    category = await db.$transaction(async (tx) => {
      await requireFreeSlug(tx, input.slug);
      if (parentId) await requireParent(tx, parentId);
      const last = await tx.category.aggregate({ where: { parentId }, _max: { position: true } });
      const created = await tx.category.create({
        data: {
          name: input.name,
          slug: input.slug,
          description: input.description,
          parentId,
          position: (last._max.position ?? 0) + 1,
        },
        select: categorySelect,
      });
      await recordChange(
        tx,
        {
          action: "category.created",
          actorId,
          targetType: "category",
          targetId: created.id,
          before: null,
          after: fields(created),
        },
        meta,
      );
      return created;
    });
  } catch (error) {
    // Another create took the slug between the check and the insert.
    if (isUniqueViolation(error)) await requireFreeSlug(db, input.slug);
    throw error;
  }
  await catalogChanged([catalogTags.all]);
  return category;
}

/**
 * Rename, re-describe or move a category. A move under itself or under one of its own
 * subcategories would make a loop: a 400 on `parentId`.
 */
export async function updateCategory(
  db: Db,
  actorId: string,
  input: z.output<typeof updateCategoryInput>,
  meta: RequestMeta,
) {
  const { categoryId, ...changes } = input;
  let result;
  try {
    result = await db.$transaction(async (tx) => {
      const moving = changes.parentId !== undefined;
      // Moves are made one at a time, so two moves at once cannot close a loop between them.
      if (moving) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('bazaar.category-tree'))`;
      const [locked] = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "Category" WHERE "id" = ${categoryId} FOR UPDATE`;
      if (!locked) throw notFound("That category");
      const current = await tx.category.findUniqueOrThrow({
        where: { id: categoryId },
        select: categorySelect,
      });
      if (changes.slug !== undefined && changes.slug !== current.slug)
        await requireFreeSlug(tx, changes.slug, categoryId);
      const parentId = changes.parentId === undefined ? current.parentId : changes.parentId;
      if (parentId !== current.parentId && parentId !== null) {
        await requireParent(tx, parentId);
        const [loop] = await tx.$queryRaw<{ id: string }[]>`
          WITH RECURSIVE below AS (
            SELECT "id" FROM "Category" WHERE "id" = ${categoryId}
            UNION ALL
            SELECT c."id" FROM "Category" c JOIN below ON c."parentId" = below."id"
          )
          SELECT "id" FROM below WHERE "id" = ${parentId}`;
        if (loop)
          throw fieldError(
            "BAD_REQUEST",
            "parentId",
            "cannot be the category itself or one of its subcategories",
          );
      }
      const next = fields({
        name: changes.name ?? current.name,
        slug: changes.slug ?? current.slug,
        description: changes.description ?? current.description,
        parentId,
      });
      const diff = changedFields(fields(current), next);
      if (Object.keys(diff.after).length === 0) return { category: current, changed: false };
      let position = current.position;
      if (parentId !== current.parentId) {
        // Last among its new siblings.
        const last = await tx.category.aggregate({ where: { parentId }, _max: { position: true } });
        position = (last._max.position ?? 0) + 1;
      }
      const category = await tx.category.update({
        where: { id: categoryId },
        data: { ...next, position },
        select: categorySelect,
      });
      await recordChange(
        tx,
        { action: "category.updated", actorId, targetType: "category", targetId: categoryId, ...diff },
        meta,
      );
      return { category, changed: true };
    });
  } catch (error) {
    if (isUniqueViolation(error) && changes.slug) await requireFreeSlug(db, changes.slug, categoryId);
    throw error;
  }
  if (result.changed) await catalogChanged([catalogTags.all]);
  return result.category;
}

/** Delete an empty category; one that still holds products or subcategories is a 409. */
export async function deleteCategory(db: Db, actorId: string, categoryId: string, meta: RequestMeta) {
  await db.$transaction(async (tx) => {
    // The row lock makes a product or subcategory being filed here now wait, then find it gone.
    const [locked] = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Category" WHERE "id" = ${categoryId} FOR UPDATE`;
    if (!locked) throw notFound("That category");
    const [products, children] = await Promise.all([
      tx.product.count({ where: { categoryId } }),
      tx.category.count({ where: { parentId: categoryId } }),
    ]);
    if (products > 0 || children > 0) {
      const held = [
        products > 0 ? `${products} ${products === 1 ? "product" : "products"}` : null,
        children > 0 ? `${children} ${children === 1 ? "subcategory" : "subcategories"}` : null,
      ]
        .filter(Boolean)
        .join(" and ");
      throw fieldError("CONFLICT", "categoryId", `still holds ${held}: move or delete them first`);
    }
    const category = await tx.category.delete({ where: { id: categoryId }, select: categorySelect });
    await recordChange(
      tx,
      {
        action: "category.deleted",
        actorId,
        targetType: "category",
        targetId: categoryId,
        before: fields(category),
        after: null,
      },
      meta,
    );
  });
  await catalogChanged([catalogTags.all]);
  return { categoryId };
}
