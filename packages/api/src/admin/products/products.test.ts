// Staff building the catalog through the API: products with variants, their status on the
// storefront, variant edits, pictures in media storage; every refusal changes nothing, every
// write is audited with before and after, and the storefront hears what went stale.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { createTestDatabase } from "@bazaar/db/testing";
import { localMediaStorage, mediaStorageFromEnv, readMediaEnv } from "@bazaar/media";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { signInPersonas, type Persona, type SignedIn } from "../../../test/accounts.ts";
import { insertCatalog } from "../../../test/catalog-fixtures.ts";
import { callHttp } from "../../../test/http.ts";
import { jpegHeader, png, uploadForm, webpHeader } from "../../../test/image-fixtures.ts";
import { onCatalogChange } from "../../catalog/cache-tags.ts";
import { getProductBySlug, listProducts as listStorefront } from "../../catalog/service.ts";
import { ledgerMismatches } from "../../stock/ledger.ts";

const { db } = await createTestDatabase();
// Categories: apparel (cat_a), books (cat_b), candles (cat_c); no products yet.
await insertCatalog(db, []);
await db.category.create({
  data: { id: "cat_shirts", slug: "shirts", name: "Shirts", description: "", parentId: "cat_a" },
});

const mediaRoot = await mkdtemp(path.join(tmpdir(), "bazaar-admin-media-"));
afterAll(() => rm(mediaRoot, { recursive: true, force: true }));
const mediaStorage = localMediaStorage(mediaRoot);

let people: Record<Persona, SignedIn>;
beforeAll(async () => {
  people = await signInPersonas(db);
});

const heard: string[][] = [];
onCatalogChange((tags) => void heard.push(tags));
beforeEach(() => {
  heard.length = 0;
});

/** A staff call over HTTP, with the test's media folder. */
function staff(procedure: string, input?: unknown) {
  const mutation = !/^(list|get)$/.test(procedure);
  return callHttp(db, `admin.products.${procedure}`, {
    input,
    mutation,
    token: people.staff.token,
    mediaStorage,
  });
}

async function files(dir = mediaRoot): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every row a catalog write could touch, the audit and ledger counts, and the stored files. */
async function everything() {
  return JSON.stringify(
    await Promise.all([
      db.product.findMany({ orderBy: { id: "asc" } }),
      db.productVariant.findMany({ orderBy: { id: "asc" } }),
      db.productImage.findMany({ orderBy: { id: "asc" } }),
      db.category.findMany({ orderBy: { id: "asc" } }),
      db.auditLog.count(),
      db.stockMovement.count(),
      files(),
    ]),
  );
}

const fieldsOf = (error: { data: { fieldErrors: Record<string, string[]> | null } } | undefined) =>
  Object.keys(error?.data.fieldErrors ?? {});

function newProduct(slug: string, overrides: Record<string, unknown> = {}) {
  return {
    name: `Linen Shirt ${slug}`,
    slug,
    description: "Breathable linen for warm days.",
    categoryId: "cat_shirts",
    variants: [
      {
        sku: `${slug}-m`,
        name: "M",
        options: { size: "M" },
        priceAmount: 2400,
        currency: "USD",
        openingStock: 5,
      },
      {
        sku: `${slug}-l`,
        name: "L",
        options: { size: "L" },
        priceAmount: 2600,
        compareAtAmount: 3000,
        currency: "USD",
        openingStock: 2,
      },
    ],
    ...overrides,
  };
}

interface Created {
  id: string;
  slug: string;
  status: string;
  variants: { id: string; sku: string }[];
}

async function create(slug: string, overrides: Record<string, unknown> = {}): Promise<Created> {
  const { status, data, error } = await staff("create", newProduct(slug, overrides));
  expect(status, JSON.stringify(error)).toBe(200);
  return data as Created;
}

const latestAudit = (action: string, targetId?: string) =>
  db.auditLog.findFirstOrThrow({ where: { action, targetId }, orderBy: { createdAt: "desc" } });

/** What a shopper gets: the product page (200 or 404), and whether listing and search show it. */
async function storefront(slug: string, name: string) {
  const page = await callHttp(db, "catalog.productBySlug", { input: { slug } });
  const listed = (await listStorefront(db, { limit: 60 })).items.some((item) => item.slug === slug);
  const found = (await listStorefront(db, { q: name, limit: 60 })).items.some((item) => item.slug === slug);
  return { page: page.status, listed, found };
}

describe("admin.products.create", () => {
  it("makes a draft with its variants in one go, opening the ledger in the staff member's name", async () => {
    const product = await create("linen-draft");
    expect(product.status).toBe("DRAFT");
    expect(product.variants.map((v) => v.sku)).toEqual(["LINEN-DRAFT-M", "LINEN-DRAFT-L"]);
    const movements = await db.stockMovement.findMany({
      where: { variantId: { in: product.variants.map((v) => v.id) } },
      orderBy: { variantId: "asc" },
    });
    expect(movements.map((m) => [m.reason, m.delta, m.actorId]).sort()).toEqual([
      ["OPENING", 2, people.staff.id],
      ["OPENING", 5, people.staff.id],
    ]);
    const audit = await latestAudit("product.created", product.id);
    expect(audit).toMatchObject({ actorId: people.staff.id, targetType: "product", before: null });
    expect(audit.after).toMatchObject({
      name: "Linen Shirt linen-draft",
      slug: "linen-draft",
      status: "DRAFT",
      categoryId: "cat_shirts",
      variants: [
        {
          sku: "LINEN-DRAFT-M",
          priceAmount: 2400,
          compareAtAmount: null,
          stockOnHand: 5,
          options: { size: "M" },
        },
        { sku: "LINEN-DRAFT-L", priceAmount: 2600, compareAtAmount: 3000, stockOnHand: 2 },
      ],
    });
    // A draft is nowhere on the storefront, so nothing there went stale.
    expect(await storefront("linen-draft", "Linen Shirt linen-draft")).toEqual({
      page: 404,
      listed: false,
      found: false,
    });
    expect(heard).toEqual([]);
  });

  it("created as published, it is on the storefront at once", async () => {
    await create("linen-live", { status: "PUBLISHED" });
    expect(heard).toEqual([["catalog"]]);
    expect(await storefront("linen-live", "Linen Shirt linen-live")).toEqual({
      page: 200,
      listed: true,
      found: true,
    });
  });

  it.each([
    ["a malformed slug", { slug: "Linen Shirt" }, 400, "slug"],
    ["a name left blank", { name: "  " }, 400, "name"],
    ["no variants", { variants: [] }, 400, "variants"],
    ["an unknown category", { categoryId: "no-such-category" }, 404, "categoryId"],
  ])("refuses %s, changing nothing", async (_, overrides, status, field) => {
    const before = await everything();
    const result = await staff("create", newProduct("refused", overrides));
    expect(result.status).toBe(status);
    expect(fieldsOf(result.error)).toEqual([field]);
    expect(await everything()).toBe(before);
  });

  const variant = (over: Record<string, unknown>) => ({
    sku: "REFUSED-1",
    name: "One",
    options: { size: "S" },
    priceAmount: 1000,
    currency: "USD",
    ...over,
  });
  it.each([
    ["a was-price below the price", [variant({ compareAtAmount: 900 })], "variants.0.compareAtAmount"],
    ["a was-price equal to the price", [variant({ compareAtAmount: 1000 })], "variants.0.compareAtAmount"],
    ["a price in dollars", [variant({ priceAmount: 10.5 })], "variants.0.priceAmount"],
    ["an unknown currency", [variant({ currency: "XYZ" })], "variants.0.currency"],
    [
      "two currencies",
      [variant({}), variant({ sku: "REFUSED-2", options: { size: "M" }, currency: "EUR" })],
      "variants.1.currency",
    ],
    ["one SKU twice", [variant({}), variant({ options: { size: "M" } })], "variants.1.sku"],
    [
      "two variants with the same options",
      [variant({}), variant({ sku: "REFUSED-2" })],
      "variants.1.options",
    ],
    ["a malformed option name", [variant({ options: { Size: "S" } })], "variants.0.options.Size"],
    ["negative opening stock", [variant({ openingStock: -1 })], "variants.0.openingStock"],
  ])("refuses %s with a 400, changing nothing", async (_, variants, field) => {
    const before = await everything();
    const result = await staff("create", newProduct("refused", { variants }));
    expect(result.status).toBe(400);
    expect(fieldsOf(result.error)).toEqual([field]);
    expect(await everything()).toBe(before);
  });

  it("refuses a slug or a SKU another product has with a 409 naming it", async () => {
    await create("taken-slug");
    const before = await everything();
    const slug = await staff("create", newProduct("taken-slug", { variants: [variant({})] }));
    expect(slug.status).toBe(409);
    expect(slug.error?.data.fieldErrors).toEqual({ slug: ["is already used by another product"] });
    const sku = await staff(
      "create",
      newProduct("fresh-slug", {
        variants: [variant({}), variant({ sku: "taken-slug-l", options: { size: "XL" } })],
      }),
    );
    expect(sku.status).toBe(409);
    expect(sku.error?.data.fieldErrors).toEqual({ "variants.1.sku": ["is already used by another variant"] });
    expect(await everything()).toBe(before);
  });
});

describe("publishing, unpublishing and archiving", () => {
  it("puts a product on the storefront and takes it off, at once, with the audit and the tags", async () => {
    const product = await create("sunhat");
    const name = "Linen Shirt sunhat";
    const publish = await staff("setStatus", { productId: product.id, status: "PUBLISHED" });
    expect(publish.status).toBe(200);
    expect(heard).toEqual([["catalog"]]);
    expect(await storefront("sunhat", name)).toEqual({ page: 200, listed: true, found: true });
    expect(await latestAudit("product.published", product.id)).toMatchObject({
      actorId: people.staff.id,
      before: { status: "DRAFT" },
      after: { status: "PUBLISHED" },
    });

    // A price edit shows on its page and in listings.
    const [m] = product.variants;
    const edit = await staff("updateVariant", { variantId: m?.id, priceAmount: 1999 });
    expect(edit.status).toBe(200);
    expect(heard.at(-1)).toEqual(["catalog:listings", "product:sunhat"]);
    const page = await getProductBySlug(db, "sunhat");
    expect(page.variants.find((v) => v.id === m?.id)?.price).toEqual({ amount: 1999, currency: "USD" });
    expect((await listStorefront(db, { q: name, limit: 5 })).items[0]?.priceFrom.amount).toBe(1999);

    heard.length = 0;
    await staff("setStatus", { productId: product.id, status: "DRAFT" });
    expect(await storefront("sunhat", name)).toEqual({ page: 404, listed: false, found: false });
    expect(await latestAudit("product.unpublished", product.id)).toMatchObject({
      before: { status: "PUBLISHED" },
      after: { status: "DRAFT" },
    });
    await staff("setStatus", { productId: product.id, status: "PUBLISHED" });
    await staff("setStatus", { productId: product.id, status: "ARCHIVED" });
    expect(await storefront("sunhat", name)).toEqual({ page: 404, listed: false, found: false });
    expect(heard).toEqual([["catalog"], ["catalog"], ["catalog"]]);
  });

  it("setting the status it has already changes and records nothing", async () => {
    const product = await create("same-status");
    const before = await everything();
    const result = await staff("setStatus", { productId: product.id, status: "DRAFT" });
    expect(result.status).toBe(200);
    expect(await everything()).toBe(before);
    expect(heard).toEqual([]);
  });

  it("refuses an unknown status (400) and an unknown product (404)", async () => {
    const product = await create("bad-status");
    const bad = await staff("setStatus", { productId: product.id, status: "LIVE" });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.error)).toEqual(["status"]);
    expect((await staff("setStatus", { productId: "nope", status: "PUBLISHED" })).status).toBe(404);
  });
});

describe("admin.products.update", () => {
  it("records only the fields that changed; a new slug moves the page", async () => {
    const product = await create("old-slug", { status: "PUBLISHED" });
    heard.length = 0;
    const result = await staff("update", {
      productId: product.id,
      name: "Field Jacket",
      slug: "field-jacket",
      description: "Breathable linen for warm days.",
    });
    expect(result.status).toBe(200);
    const audit = await latestAudit("product.updated", product.id);
    expect(audit).toMatchObject({
      before: { name: "Linen Shirt old-slug", slug: "old-slug" },
      after: { name: "Field Jacket", slug: "field-jacket" },
    });
    expect(heard).toEqual([["catalog"]]);
    expect((await callHttp(db, "catalog.productBySlug", { input: { slug: "old-slug" } })).status).toBe(404);
    expect(await storefront("field-jacket", "Field Jacket")).toEqual({
      page: 200,
      listed: true,
      found: true,
    });

    // A description names only the product's own reads.
    heard.length = 0;
    await staff("update", { productId: product.id, description: "Waxed cotton." });
    expect(heard).toEqual([["catalog:listings", "product:field-jacket"]]);
  });

  it.each([
    ["a taken slug", { slug: "taken-slug" }, 409, "slug"],
    ["a malformed slug", { slug: "-x-" }, 400, "slug"],
    ["an unknown category", { categoryId: "no-such-category" }, 404, "categoryId"],
    ["a blank name", { name: "" }, 400, "name"],
  ])("refuses %s, changing nothing", async (_, changes, status, field) => {
    const product = await create(`update-${status}-${field}`.toLowerCase());
    const before = await everything();
    const result = await staff("update", { productId: product.id, ...changes });
    expect(result.status).toBe(status);
    expect(fieldsOf(result.error)).toEqual([field]);
    expect(await everything()).toBe(before);
  });
});

describe("variants", () => {
  it("adds a variant in the product's currency, with its opening stock in the ledger", async () => {
    const product = await create("vest", { status: "PUBLISHED" });
    heard.length = 0;
    const { status, data } = await staff("addVariant", {
      productId: product.id,
      sku: "vest-xl",
      name: "XL",
      options: { size: "XL" },
      priceAmount: 2800,
      openingStock: 3,
    });
    expect(status).toBe(200);
    const added = data as { id: string; currency: string; position: number; sku: string };
    expect([added.currency, added.position, added.sku]).toEqual(["USD", 2, "VEST-XL"]);
    const movement = await db.stockMovement.findFirstOrThrow({ where: { variantId: added.id } });
    expect([movement.reason, movement.delta, movement.actorId]).toEqual(["OPENING", 3, people.staff.id]);
    expect(await latestAudit("variant.added", added.id)).toMatchObject({
      targetType: "variant",
      before: null,
      after: { sku: "VEST-XL", priceAmount: 2800, stockOnHand: 3 },
    });
    expect(heard).toEqual([["catalog:listings", "product:vest"]]);
  });

  it.each([
    ["a SKU another variant has", { sku: "VEST-M", options: { size: "XXL" } }, 409, "sku"],
    ["options another variant has", { sku: "VEST-NEW", options: { size: "M" } }, 409, "options"],
    ["a was-price below the price", { sku: "VEST-NEW", compareAtAmount: 100 }, 400, "compareAtAmount"],
  ])("refuses to add one with %s, changing nothing", async (_, over, status, field) => {
    const product = await db.product.findUniqueOrThrow({ where: { slug: "vest" } });
    const before = await everything();
    const result = await staff("addVariant", {
      productId: product.id,
      name: "New",
      options: { size: "XXL" },
      priceAmount: 2800,
      ...over,
    });
    expect(result.status).toBe(status);
    expect(fieldsOf(result.error)).toEqual([field]);
    expect(await everything()).toBe(before);
  });

  it("edits SKU, name, options and prices, recording what changed", async () => {
    const product = await create("scarf");
    const id = product.variants[0]?.id;
    const { status, data } = await staff("updateVariant", {
      variantId: id,
      sku: "scarf-medium",
      name: "Medium",
      options: { size: "M", colour: "Rust" },
      compareAtAmount: 2900,
    });
    expect(status).toBe(200);
    expect(data).toMatchObject({
      sku: "SCARF-MEDIUM",
      name: "Medium",
      priceAmount: 2400,
      compareAtAmount: 2900,
    });
    expect(await latestAudit("variant.updated", id)).toMatchObject({
      before: { sku: "SCARF-M", name: "M", options: { size: "M" }, compareAtAmount: null },
      after: {
        sku: "SCARF-MEDIUM",
        name: "Medium",
        options: { size: "M", colour: "Rust" },
        compareAtAmount: 2900,
      },
    });
    // A draft's edit tells the storefront nothing.
    expect(heard).toEqual([]);
  });

  it.each([
    ["a was-price below the stored price", { compareAtAmount: 2000 }, 400, "compareAtAmount"],
    ["a price above the stored was-price", { priceAmount: 3500 }, 400, "compareAtAmount"],
    ["a SKU another variant has", { sku: "TAKEN-SLUG-M" }, 409, "sku"],
    ["the options of its sibling", { options: { size: "M" } }, 409, "options"],
    ["stock, which only adjustments change", { stockOnHand: 99 }, 400, "variantId"],
    ["nothing at all", {}, 400, "variantId"],
  ])("refuses %s, changing nothing", async (_, changes, status, field) => {
    const product = await db.product.findUniqueOrThrow({
      where: { slug: "linen-draft" },
      include: { variants: { orderBy: { position: "asc" } } },
    });
    // The L variant: 2600, was 3000.
    const before = await everything();
    const result = await staff("updateVariant", { variantId: product.variants[1]?.id, ...changes });
    expect(result.status).toBe(status);
    expect(fieldsOf(result.error)).toEqual([field]);
    expect(await everything()).toBe(before);
  });

  it("answers 404 for an unknown variant", async () => {
    expect((await staff("updateVariant", { variantId: "nope", priceAmount: 1 })).status).toBe(404);
    expect((await staff("removeVariant", { variantId: "nope" })).status).toBe(404);
  });

  it("removes a variant; an order that sold it keeps its line; the last one stays", async () => {
    const product = await create("apron", { status: "PUBLISHED" });
    const [m, l] = product.variants;
    const order = await db.order.create({
      data: {
        email: "buyer@example.com",
        currency: "USD",
        subtotalAmount: 2400,
        totalAmount: 2400,
        idempotencyScope: "test",
        idempotencyKey: "apron",
        requestHash: "h",
        lines: {
          create: {
            variantId: m?.id,
            productName: "Linen Shirt apron",
            variantName: "M",
            sku: "APRON-M",
            unitAmount: 2400,
            quantity: 1,
            lineAmount: 2400,
          },
        },
      },
      include: { lines: true },
    });
    heard.length = 0;
    const removed = await staff("removeVariant", { variantId: m?.id });
    expect(removed.status).toBe(200);
    expect(await db.productVariant.findUnique({ where: { id: m?.id ?? "" } })).toBeNull();
    const line = await db.orderLine.findUniqueOrThrow({ where: { id: order.lines[0]?.id ?? "" } });
    expect([line.variantId, line.sku, line.productName, line.unitAmount]).toEqual([
      null,
      "APRON-M",
      "Linen Shirt apron",
      2400,
    ]);
    expect(await latestAudit("variant.removed", m?.id)).toMatchObject({
      before: { sku: "APRON-M", priceAmount: 2400, stockOnHand: 5 },
      after: null,
    });
    expect(heard).toEqual([["catalog:listings", "product:apron"]]);

    const before = await everything();
    const last = await staff("removeVariant", { variantId: l?.id });
    expect(last.status).toBe(409);
    expect(fieldsOf(last.error)).toEqual(["variantId"]);
    expect(await everything()).toBe(before);
  });
});

describe("pictures", () => {
  let productId = "";
  beforeAll(async () => {
    productId = (await create("parasol", { status: "PUBLISHED" })).id;
  });
  const upload = (fields: Record<string, string>, file?: { bytes: Uint8Array; name: string; type: string }) =>
    staff("uploadImage", uploadForm(fields, file));
  const pngFile = (w: number, h: number) => ({ bytes: png(w, h), name: "photo.png", type: "image/png" });

  it("answers 503 with Retry-After, and changes nothing, while the picture bucket does not answer", async () => {
    const unreachable = mediaStorageFromEnv(
      readMediaEnv({ MEDIA_STORAGE: "s3", S3_BUCKET: "shop-media", S3_ENDPOINT: "http://127.0.0.1:1" }),
    );
    const before = await everything();
    const answer = await callHttp(db, "admin.products.uploadImage", {
      input: uploadForm({ productId, alt: "A parasol" }, pngFile(4, 4)),
      mutation: true,
      token: people.staff.token,
      mediaStorage: unreachable,
    });
    expect(answer.status).toBe(503);
    expect(answer.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
    // Said as the bucket's trouble, not the database's (whose outage would hold every page back).
    expect(answer.error?.message).toBe("Pictures cannot be stored right now. Please try again in a moment.");
    expect(await everything()).toBe(before);
  });

  it("stores an upload under a new key, with the dimensions read from the file, last in order", async () => {
    const bytes = png(12, 8);
    const { status, data, error } = await upload(
      { productId, alt: "A parasol, open" },
      { bytes, name: "whatever.jpg", type: "image/jpeg" },
    );
    expect(status, JSON.stringify(error)).toBe(200);
    const image = data as { id: string; url: string; width: number; height: number; position: number };
    expect(image.url).toMatch(/^\/media\/products\/p[a-z0-9_-]+\/[0-9a-f]{24}\.png$/);
    expect([image.width, image.height, image.position]).toEqual([12, 8, 0]);
    const stored = await readFile(path.join(mediaRoot, ...image.url.slice("/media/".length).split("/")));
    expect(stored.equals(bytes)).toBe(true);
    expect(await latestAudit("product.image_added", productId)).toMatchObject({
      actorId: people.staff.id,
      before: null,
      after: { url: image.url, alt: "A parasol, open", width: 12, height: 8, position: 0 },
    });
    expect(heard).toEqual([["catalog:listings", "product:parasol"]]);
    // The storefront's page shows it.
    expect((await getProductBySlug(db, "parasol")).images.map((i) => i.url)).toEqual([image.url]);
  });

  it("takes JPEG and WebP by their bytes", async () => {
    const jpeg = await upload(
      { productId, alt: "Side view" },
      { bytes: jpegHeader(640, 480), name: "x", type: "application/octet-stream" },
    );
    const seen = (data: unknown) => {
      const image = data as { width: number; height: number; position: number; url: string };
      return [image.width, image.height, image.position, image.url.split(".").at(-1)];
    };
    expect(seen(jpeg.data)).toEqual([640, 480, 1, "jpg"]);
    const webp = await upload(
      { productId, alt: "Folded" },
      { bytes: webpHeader(300, 200), name: "x.png", type: "image/png" },
    );
    expect(seen(webp.data)).toEqual([300, 200, 2, "webp"]);
  });

  it.each([
    [
      "text named .png",
      { alt: "x" },
      { bytes: new TextEncoder().encode("not a picture at all"), name: "a.png", type: "image/png" },
      "file",
    ],
    [
      "a GIF",
      { alt: "x" },
      { bytes: new TextEncoder().encode("GIF89a\u0001\u0000\u0001\u0000"), name: "a.gif", type: "image/gif" },
      "file",
    ],
    [
      "a PNG signature on garbage",
      { alt: "x" },
      { bytes: png(4, 4).subarray(0, 12), name: "a.png", type: "image/png" },
      "file",
    ],
    [
      "a file over 5 MB",
      { alt: "x" },
      { bytes: new Uint8Array(5 * 1024 * 1024 + 1).fill(7), name: "a.png", type: "image/png" },
      "file",
    ],
    ["an empty file", { alt: "x" }, { bytes: new Uint8Array(), name: "a.png", type: "image/png" }, "file"],
    ["no file", { alt: "x" }, undefined, "file"],
    ["no alt text", { alt: " " }, pngFile(2, 2), "alt"],
  ])("refuses %s with a 400 on the field and stores nothing", async (_, fields, file, field) => {
    const before = await everything();
    const result = await upload({ ...fields, productId }, file);
    expect(result.status).toBe(400);
    expect(fieldsOf(result.error)).toEqual([field]);
    expect(await everything()).toBe(before);
  });

  it("refuses a picture too large to resize, and JSON instead of a form", async () => {
    const before = await everything();
    const huge = await upload(
      { productId, alt: "x" },
      { bytes: webpHeader(12_000, 10), name: "a.webp", type: "image/webp" },
    );
    expect(huge.status).toBe(400);
    expect(huge.error?.data.fieldErrors).toEqual({ file: ["must be at most 10000 pixels on each side"] });
    const json = await staff("uploadImage", { productId, alt: "x", file: "iVBORw0KGgo=" });
    expect(json.status).toBe(400);
    expect(await everything()).toBe(before);
  });

  it("refuses a body declared larger than an upload can be with a 413 on the file, before reading it", async () => {
    const before = await everything();
    const result = await upload(
      { productId, alt: "x" },
      { bytes: new Uint8Array(6 * 1024 * 1024).fill(7), name: "a.png", type: "image/png" },
    );
    expect(result.status).toBe(413);
    expect(result.error?.data.fieldErrors).toEqual({ file: ["must be at most 5 MB"] });
    expect(await everything()).toBe(before);
  });

  it("answers 404 for an unknown product, storing nothing", async () => {
    const before = await everything();
    expect((await upload({ productId: "nope", alt: "x" }, pngFile(2, 2))).status).toBe(404);
    expect(await everything()).toBe(before);
  });

  it("reorders exactly the product's pictures, and refuses any other list", async () => {
    const current = await db.productImage.findMany({ where: { productId }, orderBy: { position: "asc" } });
    const ids = current.map((image) => image.id);
    expect(ids).toHaveLength(3);
    const other = await create("other-pics");
    await upload({ productId: other.id, alt: "Other" }, pngFile(2, 2));
    const otherImage = await db.productImage.findFirstOrThrow({ where: { productId: other.id } });
    const before = await everything();
    for (const imageIds of [
      ids.slice(0, 2),
      [...ids, ids[0]],
      [ids[0], ids[1], ids[1]],
      [ids[0], ids[1], otherImage.id],
      [...ids, otherImage.id],
    ]) {
      const result = await staff("reorderImages", { productId, imageIds });
      expect(result.status).toBe(400);
      expect(result.error?.data.fieldErrors).toEqual({
        imageIds: ["must list each of the product's 3 pictures once"],
      });
    }
    expect(await everything()).toBe(before);

    heard.length = 0;
    const reordered = [ids[2], ids[0], ids[1]] as string[];
    expect((await staff("reorderImages", { productId, imageIds: reordered })).status).toBe(200);
    const got = (await staff("get", { productId })).data as { images: { id: string; position: number }[] };
    expect(got.images.map((image) => image.id)).toEqual(reordered);
    expect(await latestAudit("product.images_reordered", productId)).toMatchObject({
      before: { imageIds: ids },
      after: { imageIds: reordered },
    });
    expect(heard).toEqual([["catalog:listings", "product:parasol"]]);
  });

  it("changes a picture's alt text, recorded", async () => {
    const image = await db.productImage.findFirstOrThrow({ where: { productId, alt: "Folded" } });
    expect((await staff("updateImageAlt", { imageId: image.id, alt: "Folded, in its sleeve" })).status).toBe(
      200,
    );
    expect(await latestAudit("product.image_updated", productId)).toMatchObject({
      before: { alt: "Folded" },
      after: { alt: "Folded, in its sleeve" },
    });
    const blank = await staff("updateImageAlt", { imageId: image.id, alt: "" });
    expect([blank.status, fieldsOf(blank.error)]).toEqual([400, ["alt"]]);
  });

  it("deletes a picture's row and its file", async () => {
    const image = await db.productImage.findFirstOrThrow({ where: { productId, alt: "Side view" } });
    const file = path.join(mediaRoot, ...image.url.slice("/media/".length).split("/"));
    expect(await files()).toContain(file);
    heard.length = 0;
    expect((await staff("deleteImage", { imageId: image.id })).status).toBe(200);
    expect(await db.productImage.findUnique({ where: { id: image.id } })).toBeNull();
    expect(await files()).not.toContain(file);
    expect(await latestAudit("product.image_removed", productId)).toMatchObject({
      before: { url: image.url, alt: "Side view" },
      after: null,
    });
    expect(heard).toEqual([["catalog:listings", "product:parasol"]]);
    expect((await staff("deleteImage", { imageId: image.id })).status).toBe(404);
  });
});

describe("admin.products.list and get", () => {
  interface Row {
    id: string;
    slug: string;
    status: string;
    category: { name: string };
    variantCount: number;
    totalStock: number;
    price: { min: number; max: number; currency: string } | null;
  }
  const list = async (input: Record<string, unknown>) =>
    (await staff("list", input)).data as { items: Row[]; nextCursor: string | null; total: number };

  it("describes each product: category, variants, stock and price range", async () => {
    const { items } = await list({ q: "linen-draft" });
    expect(items).toEqual([
      expect.objectContaining({
        slug: "linen-draft",
        status: "DRAFT",
        category: { id: "cat_shirts", name: "Shirts" },
        variantCount: 2,
        totalStock: 7,
        price: { min: 2400, max: 2600, currency: "USD" },
      }),
    ]);
  });

  it("searches by name or SKU, filters by status and by category (a department includes what is in it)", async () => {
    expect((await list({ q: "SUNHAT-L" })).items.map((r) => r.slug)).toEqual(["sunhat"]);
    expect((await list({ q: "field jack" })).items.map((r) => r.slug)).toEqual(["field-jacket"]);
    const archived = await list({ status: "ARCHIVED" });
    expect(archived.items.map((r) => r.slug)).toEqual(["sunhat"]);
    const published = await list({ status: "PUBLISHED", limit: 100 });
    expect(published.items.every((r) => r.status === "PUBLISHED")).toBe(true);
    const apparel = await list({ categoryId: "cat_a", limit: 100 });
    expect(apparel.total).toBe(await db.product.count());
    expect((await list({ categoryId: "cat_b" })).total).toBe(0);
  });

  it("pages newest first by keyset, each product once", async () => {
    const all = await db.product.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const page: { items: Row[]; nextCursor: string | null; total: number } = await list({
        limit: 3,
        cursor,
      });
      expect(page.total).toBe(all.length);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(all.map((p) => p.id));
    const bad = await staff("list", { cursor: "nonsense" });
    expect([bad.status, fieldsOf(bad.error)]).toEqual([400, ["cursor"]]);
  });

  it("gets one product with variants in order and their stock; 404 for none", async () => {
    const product = await db.product.findUniqueOrThrow({ where: { slug: "linen-draft" } });
    const { data } = await staff("get", { productId: product.id });
    expect(data).toMatchObject({
      slug: "linen-draft",
      category: { id: "cat_shirts", name: "Shirts" },
      variants: [
        { sku: "LINEN-DRAFT-M", stockOnHand: 5, currency: "USD", options: { size: "M" } },
        { sku: "LINEN-DRAFT-L", stockOnHand: 2, compareAtAmount: 3000 },
      ],
      images: [],
    });
    expect((await staff("get", { productId: "nope" })).status).toBe(404);
  });

  it("keeps the ledger equal to on-hand through all of it", async () => {
    expect(await ledgerMismatches(db)).toEqual([]);
  });
});
