// Staff arranging categories through the API: the tree with its counts, create, rename and move
// (never into a loop), delete only when empty; each write audited and every catalog read told.
import { createTestDatabase } from "@bazaar/db/testing";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { signInPersonas, type Persona, type SignedIn } from "../../../test/accounts.ts";
import { insertCatalog, T0 } from "../../../test/catalog-fixtures.ts";
import { callHttp } from "../../../test/http.ts";
import { onCatalogChange } from "../../catalog/cache-tags.ts";
import { listCategories as storefrontCategories } from "../../catalog/service.ts";

const { db } = await createTestDatabase();
// apparel (cat_a) holds two products, books (cat_b) one, candles (cat_c) none.
await insertCatalog(db, [
  { id: "tee", categoryId: "cat_a", createdAt: T0, variants: [[1500, 3]] },
  { id: "cap", categoryId: "cat_a", createdAt: T0, variants: [[900, 1]] },
  { id: "novel", categoryId: "cat_b", createdAt: T0, variants: [[1200, 4]] },
]);
// A draft counts for staff (it is filed there) but not on the storefront.
await db.product.update({ where: { id: "cap" }, data: { status: "DRAFT" } });

let people: Record<Persona, SignedIn>;
beforeAll(async () => {
  people = await signInPersonas(db);
});

const heard: string[][] = [];
onCatalogChange((tags) => void heard.push(tags));
beforeEach(() => {
  heard.length = 0;
});

function staff(procedure: string, input?: unknown) {
  return callHttp(db, `admin.categories.${procedure}`, {
    input,
    mutation: procedure !== "list",
    token: people.staff.token,
  });
}

const everything = async () =>
  JSON.stringify(
    await Promise.all([
      db.category.findMany({ orderBy: { id: "asc" } }),
      db.product.findMany({ orderBy: { id: "asc" } }),
      db.auditLog.count(),
    ]),
  );

const fieldsOf = (error: { data: { fieldErrors: Record<string, string[]> | null } } | undefined) =>
  Object.keys(error?.data.fieldErrors ?? {});

interface Node {
  id: string;
  slug: string;
  productCount: number;
  totalProductCount: number;
  children: Node[];
}
const tree = async () => (await staff("list")).data as Node[];
const shape = (nodes: Node[]): unknown[] =>
  nodes.map((node) => [node.slug, node.productCount, node.totalProductCount, shape(node.children)]);
const latestAudit = (action: string, targetId: string) =>
  db.auditLog.findFirstOrThrow({ where: { action, targetId }, orderBy: { createdAt: "desc" } });

describe("admin.categories", () => {
  it("lists the tree with the products in each, drafts included", async () => {
    expect(shape(await tree())).toEqual([
      ["apparel", 2, 2, []],
      ["books", 1, 1, []],
      ["candles", 0, 0, []],
    ]);
  });

  it("creates a category inside another, last among its siblings, audited, on the storefront at once", async () => {
    const { status, data } = await staff("create", {
      name: "Shirts",
      slug: "shirts",
      description: "Buttoned.",
      parentId: "cat_a",
    });
    expect(status).toBe(200);
    const created = data as { id: string; parentId: string };
    expect(created.parentId).toBe("cat_a");
    expect(await latestAudit("category.created", created.id)).toMatchObject({
      actorId: people.staff.id,
      targetType: "category",
      before: null,
      after: { name: "Shirts", slug: "shirts", description: "Buttoned.", parentId: "cat_a" },
    });
    expect(heard).toEqual([["catalog"]]);
    const shop = await storefrontCategories(db);
    expect(shop.find((c) => c.slug === "apparel")?.children.map((c) => c.slug)).toEqual(["shirts"]);
    await db.product.update({ where: { id: "tee" }, data: { categoryId: created.id } });
    expect(shape(await tree())[0]).toEqual(["apparel", 1, 2, [["shirts", 1, 1, []]]]);
  });

  it.each([
    ["a taken slug", { name: "Again", slug: "books" }, 409, "slug"],
    ["a malformed slug", { name: "Bad", slug: "Bad Slug" }, 400, "slug"],
    ["a blank name", { name: "", slug: "blank" }, 400, "name"],
    ["an unknown parent", { name: "Orphan", slug: "orphan", parentId: "no-such" }, 404, "parentId"],
  ])("refuses to create one with %s, changing nothing", async (_, input, status, field) => {
    const before = await everything();
    const result = await staff("create", input);
    expect(result.status).toBe(status);
    expect(fieldsOf(result.error)).toEqual([field]);
    expect(await everything()).toBe(before);
    expect(heard).toEqual([]);
  });

  it("renames and moves a category, recording only what changed", async () => {
    const { status, data } = await staff("update", {
      categoryId: "cat_c",
      name: "Candles & Light",
      parentId: "cat_b",
    });
    expect(status).toBe(200);
    expect(data).toMatchObject({ name: "Candles & Light", parentId: "cat_b", slug: "candles" });
    expect(await latestAudit("category.updated", "cat_c")).toMatchObject({
      before: { name: "Candles", parentId: null },
      after: { name: "Candles & Light", parentId: "cat_b" },
    });
    expect(heard).toEqual([["catalog"]]);
    // Back to the top level.
    await staff("update", { categoryId: "cat_c", parentId: null });
    expect((await db.category.findUniqueOrThrow({ where: { id: "cat_c" } })).parentId).toBeNull();
  });

  it.each([
    ["under itself", { categoryId: "cat_a", parentId: "cat_a" }, 400, "parentId"],
    ["under its own subcategory", { categoryId: "cat_a", parentId: "shirts" }, 400, "parentId"],
    ["under a category that does not exist", { categoryId: "cat_a", parentId: "no-such" }, 404, "parentId"],
    ["to a slug another has", { categoryId: "cat_a", slug: "books" }, 409, "slug"],
  ])("refuses a move or rename %s, changing nothing", async (_, raw, status, field) => {
    const shirts = await db.category.findUniqueOrThrow({ where: { slug: "shirts" } });
    const input: Record<string, unknown> = { ...raw };
    if (input.parentId === "shirts") input.parentId = shirts.id;
    const before = await everything();
    const result = await staff("update", input);
    expect(result.status).toBe(status);
    expect(fieldsOf(result.error)).toEqual([field]);
    expect(await everything()).toBe(before);
  });

  it("refuses a move deeper down the same branch (a grandchild), too", async () => {
    const shirts = await db.category.findUniqueOrThrow({ where: { slug: "shirts" } });
    const linen = (await staff("create", { name: "Linen", slug: "linen", parentId: shirts.id })).data as {
      id: string;
    };
    const result = await staff("update", { categoryId: "cat_a", parentId: linen.id });
    expect([result.status, fieldsOf(result.error)]).toEqual([400, ["parentId"]]);
    // Moving the grandchild up is no loop.
    expect((await staff("update", { categoryId: linen.id, parentId: "cat_a" })).status).toBe(200);
  });

  it("refuses to delete a category that holds products or subcategories (409)", async () => {
    const before = await everything();
    const withProducts = await staff("delete", { categoryId: "cat_b" });
    expect(withProducts.status).toBe(409);
    expect(withProducts.error?.data.fieldErrors).toEqual({
      categoryId: ["still holds 1 product: move or delete them first"],
    });
    const withChildren = await staff("delete", { categoryId: "cat_a" });
    expect(withChildren.status).toBe(409);
    expect(withChildren.error?.data.fieldErrors?.categoryId?.[0]).toMatch(
      /^still holds 1 product and 2 subcategories/,
    );
    expect(await everything()).toBe(before);
    expect((await staff("delete", { categoryId: "no-such" })).status).toBe(404);
  });

  it("deletes an empty category, audited", async () => {
    const { status } = await staff("delete", { categoryId: "cat_c" });
    expect(status).toBe(200);
    expect(await db.category.findUnique({ where: { id: "cat_c" } })).toBeNull();
    expect(await latestAudit("category.deleted", "cat_c")).toMatchObject({
      before: { slug: "candles", name: "Candles & Light" },
      after: null,
    });
    expect(heard).toEqual([["catalog"]]);
  });
});
