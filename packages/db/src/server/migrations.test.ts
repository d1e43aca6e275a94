import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { createTestDatabase } from "../testing/index.ts";
import { withDatabase } from "./admin.ts";
import { applyMigrations, createMigration, isMigrated } from "./migrations.ts";

const { db, url } = await createTestDatabase();
const packageRoot = path.resolve(import.meta.dirname, "../..");

async function insertVariant(overrides: { stockOnHand?: number; priceAmount?: number; currency?: string }) {
  const suffix = Math.random().toString(36).slice(2, 10);
  await db.category.upsert({
    where: { id: "cat_t" },
    update: {},
    create: { id: "cat_t", slug: "test", name: "Test", description: "Test." },
  });
  await db.product.create({
    data: {
      slug: `p-${suffix}`,
      name: "P",
      description: "P.",
      categoryId: "cat_t",
      variants: {
        create: {
          sku: `SKU-${suffix}`,
          name: "Default",
          priceAmount: 100,
          currency: "USD",
          stockOnHand: 1,
          ...overrides,
        },
      },
    },
  });
}

describe("the applied migrations", () => {
  it("are recorded, so applying again does nothing", async () => {
    expect(await isMigrated(url)).toBe(true);
    expect(await applyMigrations(url)).toEqual([]);
    // In name order on both sides: the table has no order of its own.
    const rows = await withDatabase(url, (c) =>
      c.query("select migration_name from _prisma_migrations order by migration_name"),
    );
    expect(rows.rows.map((r: { migration_name: string }) => r.migration_name)).toEqual(
      (await readdir(path.join(packageRoot, "prisma/migrations"), { withFileTypes: true }))
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort(),
    );
  });

  it("let the database itself refuse negative stock, negative prices and bad currency codes", async () => {
    await insertVariant({});
    await expect(insertVariant({ stockOnHand: -1 })).rejects.toThrow(/ProductVariant_stockOnHand_check/);
    await expect(insertVariant({ priceAmount: -5 })).rejects.toThrow(/ProductVariant_priceAmount_check/);
    await expect(insertVariant({ currency: "usd" })).rejects.toThrow(/ProductVariant_currency_check/);
    expect(await db.productVariant.count()).toBe(1);
  });

  it("refuses to decrement stock below zero, even in a bulk update", async () => {
    await expect(db.productVariant.updateMany({ data: { stockOnHand: { decrement: 2 } } })).rejects.toThrow(
      /stockOnHand_check/,
    );
    expect((await db.productVariant.findFirstOrThrow()).stockOnHand).toBe(1);
  });
});

describe("createMigration", () => {
  it("writes the SQL for a schema change, and nothing when the schema matches", async () => {
    const work = await mkdtemp(path.join(tmpdir(), "bazaar-migrate-"));
    try {
      const paths = {
        schemaPath: path.join(work, "schema.prisma"),
        migrationsDir: path.join(work, "migrations"),
      };
      await cp(path.join(packageRoot, "prisma/migrations"), paths.migrationsDir, { recursive: true });
      const schema = await readFile(path.join(packageRoot, "prisma/schema.prisma"), "utf8");
      await writeFile(paths.schemaPath, schema);
      expect(await createMigration(url, "nothing", paths)).toBeNull();

      await writeFile(
        paths.schemaPath,
        `${schema}\nmodel Wishlist {\n  id   String @id\n  note String?\n}\n`,
      );
      const folder = await createMigration(url, "Add wishlist!", paths);
      expect(folder).toMatch(/^\d{14}_add_wishlist$/);
      const sql = await readFile(path.join(paths.migrationsDir, folder ?? "", "migration.sql"), "utf8");
      expect(sql).toContain('CREATE TABLE "Wishlist"');
      expect(sql).not.toContain('"Product"');
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
