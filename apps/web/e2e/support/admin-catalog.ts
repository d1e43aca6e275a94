// Staff's steps in the admin console's catalog: make a product with its variants, give it a
// picture, publish it; adjust stock. Each goes through the pages as a person would.
import { crc32, deflateSync } from "node:zlib";

import type { Page } from "@playwright/test";

import { expect } from "./test";

export interface VariantInput {
  sku: string;
  name: string;
  /** e.g. { size: "M" }; typed into the form as "size=M". */
  options?: Record<string, string>;
  /** As staff type it: "24.00". */
  price: string;
  compareAt?: string;
  stock?: number;
}

export interface ImageInput {
  name: string;
  mimeType: string;
  buffer: Buffer;
  /** What the picture shows; the product's name by default. */
  alt?: string;
}

export interface NewProduct {
  name: string;
  slug: string;
  /** The category's own name ("Apparel"), or its whole path as the select shows it. */
  categoryName: string;
  description?: string;
  variants: VariantInput[];
  /** A file made in the test, or a path to one. */
  image?: ImageInput | string;
  publish?: boolean;
}

/** A png of one colour, made here (no binary files in the repository). */
export function pngBytes(width = 8, height = 8, rgb: [number, number, number] = [30, 120, 90]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.from([0, ...Array.from({ length: width }, () => rgb).flat()]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const optionsText = (options: Record<string, string> = {}) =>
  Object.entries(options)
    .map(([name, value]) => `${name}=${value}`)
    .join(", ");

/** Fill in one variant's row of the new-product form (rows are numbered from 1). */
export async function fillVariantRow(page: Page, row: number, variant: VariantInput) {
  const group = page.getByRole("group", { name: `Variant ${row}` });
  await group.getByLabel("SKU").fill(variant.sku);
  await group.getByLabel("Name").fill(variant.name);
  await group.getByLabel("Options").fill(optionsText(variant.options));
  await group.getByLabel("Price", { exact: true }).fill(variant.price);
  if (variant.compareAt) await group.getByLabel("Was price").fill(variant.compareAt);
  await group.getByLabel("Opening stock").fill(String(variant.stock ?? 0));
}

/** In the new-product form, choose a category by its own name or its whole path ("Clothing & Shoes › Apparel"). */
export async function chooseCategory(page: Page, name: string) {
  const select = page.getByRole("form", { name: "New product" }).getByLabel("Category");
  const labels = await select.locator("option").allTextContents();
  const label = labels.find((text) => text === name || text.split(" › ").at(-1) === name);
  if (!label) throw new Error(`no category "${name}" among ${labels.join(", ")}`);
  await select.selectOption({ label });
}

/**
 * Create a product through /admin/products/new (the browser must be signed in as staff), then on
 * its page upload the picture and publish, if asked. Returns its admin URL, id and slug.
 */
export async function createProductInAdmin(page: Page, product: NewProduct) {
  await page.goto("/admin/products/new");
  const form = page.getByRole("form", { name: "New product" });
  await form.getByLabel("Product name").fill(product.name);
  await form.getByLabel("Slug").fill(product.slug);
  if (product.description) await form.getByLabel("Description").fill(product.description);
  await chooseCategory(page, product.categoryName);
  for (const [index, variant] of product.variants.entries()) {
    if (index > 0) await form.getByRole("button", { name: "Add a variant" }).click();
    await fillVariantRow(page, index + 1, variant);
  }
  await form.getByRole("button", { name: "Create product" }).click();
  await expect(page).toHaveURL(/\/admin\/products\/[\w-]+\?done=created$/);
  const adminUrl = page.url().replace(/\?.*$/, "");
  const id = adminUrl.split("/").at(-1) ?? "";
  await expect(page.getByRole("heading", { level: 1, name: product.name })).toBeVisible();

  if (product.image) {
    const upload = page.getByRole("form", { name: "Upload a picture" });
    const file = product.image;
    await upload
      .getByLabel("Picture")
      .setInputFiles(
        typeof file === "string" ? file : { name: file.name, mimeType: file.mimeType, buffer: file.buffer },
      );
    const alt = typeof file === "string" ? product.name : (file.alt ?? product.name);
    await upload.getByLabel("Alt text").fill(alt);
    await upload.getByRole("button", { name: "Upload picture" }).click();
    await expect(upload.getByRole("status")).toHaveText("Picture uploaded.");
    await expect(
      page.getByRole("list", { name: "Pictures, in the order shown" }).getByRole("img", { name: alt }),
    ).toBeVisible();
  }

  if (product.publish) await publishInAdmin(page);
  return { adminUrl, id, slug: product.slug };
}

/** On a product's admin page: publish it and wait until the page says so. */
export async function publishInAdmin(page: Page) {
  const status = page.getByRole("form", { name: "Status" });
  await status.getByRole("button", { name: "Publish" }).click();
  await expect(status.getByRole("status")).toHaveText("Published.");
  await expect(page.getByRole("link", { name: "View in the shop" })).toBeVisible();
}

/** On a product's admin page: add or take stock of one variant, with a reason. */
export async function adjustStockInAdmin(
  page: Page,
  sku: string,
  change: { delta: number; reason: "Received" | "Damaged" | "Correction" | "Returned"; note?: string },
) {
  const form = page.getByRole("form", { name: `Adjust stock of ${sku}` });
  await form.getByLabel("Change").fill(String(change.delta));
  await form.getByLabel("Reason").selectOption({ label: change.reason });
  if (change.note) await form.getByLabel("Note").fill(change.note);
  await form.getByRole("button", { name: "Adjust stock" }).click();
  await expect(form.getByRole("status")).toHaveText(/^Stock is now \d+\.$/);
}
