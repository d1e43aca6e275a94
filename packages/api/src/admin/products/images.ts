// Product pictures: uploaded as multipart form data, judged by their bytes (never by the name or
// the declared type), stored under a fresh random key in media storage, listed in ProductImage.
import { randomBytes } from "node:crypto";

import type { RequestMeta } from "@bazaar/auth";
import type { Db, ProductStatus } from "@bazaar/db";
import { mediaType, type MediaStorage } from "@bazaar/media";
import { MAX_IMAGE_BYTES, uploadImageFields } from "@bazaar/validators";
import { imageSize } from "image-size";
import { z } from "zod";

import { changedFields } from "../../audit/record.ts";
import { productChangeTags } from "../../catalog/cache-tags.ts";
import { fieldError, notFound } from "../../errors.ts";
import { logger } from "../../logger.ts";
import { announce, lockProduct, recordProductChange } from "./service.ts";

/**
 * `productId`, `alt` and `file` from a multipart body. The size is checked before anything reads
 * the bytes; what they are is for `inspectImage`.
 */
export const uploadImageInput = z
  .instanceof(FormData, { message: "must be multipart form data" })
  .transform((form) => ({
    productId: form.get("productId") ?? undefined,
    alt: form.get("alt") ?? undefined,
    file: form.get("file") ?? undefined,
  }))
  .pipe(
    uploadImageFields.extend({
      file: z
        .instanceof(File, { message: "must be a file" })
        // An empty file input still sends a part, with no bytes.
        .refine((file) => file.size > 0, "is required")
        .refine((file) => file.size <= MAX_IMAGE_BYTES, "must be at most 5 MB"),
    }),
  );

/** The picture formats the shop takes, by the bytes they start with. */
const FORMATS = [
  {
    ext: "png",
    sizeType: "png",
    magic: (b: Uint8Array) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  { ext: "jpg", sizeType: "jpg", magic: (b: Uint8Array) => startsWith(b, [0xff, 0xd8, 0xff]) },
  {
    ext: "webp",
    sizeType: "webp",
    // "RIFF", four bytes of length, "WEBP".
    magic: (b: Uint8Array) =>
      startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b.subarray(8), [0x57, 0x45, 0x42, 0x50]),
  },
] as const;

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);

/** Larger sides than this are refused: resizing them for every screen would cost too much. */
export const MAX_IMAGE_SIDE = 10_000;

export interface InspectedImage {
  ext: "png" | "jpg" | "webp";
  width: number;
  height: number;
}

/**
 * What the bytes are: PNG, JPEG or WebP by their signature, with the dimensions read from the
 * file's own header (as displayed: a JPEG turned by its EXIF orientation has its sides swapped).
 * Anything else is a 400 on `file`.
 */
export function inspectImage(bytes: Uint8Array): InspectedImage {
  const format = FORMATS.find((f) => f.magic(bytes));
  if (!format) throw fieldError("BAD_REQUEST", "file", "must be a PNG, JPEG or WebP picture");
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    throw fieldError("BAD_REQUEST", "file", "is not a readable picture");
  }
  if (size.type !== format.sizeType || !(size.width > 0 && size.height > 0))
    throw fieldError("BAD_REQUEST", "file", "is not a readable picture");
  if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE)
    throw fieldError("BAD_REQUEST", "file", `must be at most ${MAX_IMAGE_SIDE} pixels on each side`);
  const turned = (size.orientation ?? 1) >= 5;
  return {
    ext: format.ext,
    width: turned ? size.height : size.width,
    height: turned ? size.width : size.height,
  };
}

/** A fresh key under the product's folder: a new upload never replaces a file a page may still show. */
function newImageKey(productId: string, ext: string): string {
  // Media keys are lower-case letters, digits, `-` and `_` (media/storage.ts); the random part
  // keeps two products whose ids fold to the same folder apart.
  const folder = `p${productId.toLowerCase().replace(/[^a-z0-9_-]/g, "-")}`.slice(0, 100);
  return `products/${folder}/${randomBytes(12).toString("hex")}.${ext}`;
}

/** The media key behind a picture's URL, or null for a URL the shop does not store (none yet). */
function keyOf(url: string): string | null {
  const key = url.startsWith("/media/") ? url.slice("/media/".length) : null;
  return key && mediaType(key) ? key : null;
}

// Pictures show on the product's page and (the first) on its cards in listings.
const announcePictures = (product: { slug: string; status: ProductStatus }) =>
  announce(product.status, productChangeTags([product.slug]));

const imageSelect = { id: true, url: true, alt: true, width: true, height: true, position: true } as const;

/**
 * Store an uploaded picture and add it last to the product's pictures. The file is written
 * first and removed again if the row cannot be added, so no row points at a missing file.
 */
export async function uploadImage(
  db: Db,
  storage: MediaStorage,
  actorId: string,
  input: { productId: string; alt: string; file: File },
  meta: RequestMeta,
) {
  const bytes = new Uint8Array(await input.file.arrayBuffer());
  const image = inspectImage(bytes);
  if (!(await db.product.findUnique({ where: { id: input.productId }, select: { id: true } })))
    throw notFound("That product");
  const key = newImageKey(input.productId, image.ext);
  await storage.write(key, bytes);
  let result;
  try {
    result = await db.$transaction(async (tx) => {
      const product = await lockProduct(tx, input.productId);
      const last = await tx.productImage.aggregate({
        where: { productId: input.productId },
        _max: { position: true },
      });
      const created = await tx.productImage.create({
        data: {
          productId: input.productId,
          url: `/media/${key}`,
          alt: input.alt,
          width: image.width,
          height: image.height,
          position: (last._max.position ?? -1) + 1,
        },
        select: imageSelect,
      });
      const { id: _, ...after } = created;
      await recordProductChange(
        tx,
        product,
        {
          action: "product.image_added",
          actorId,
          targetType: "product",
          targetId: input.productId,
          before: null,
          after,
          details: { imageId: created.id, bytes: bytes.byteLength },
        },
        meta,
      );
      return { product, image: created };
    });
  } catch (error) {
    await storage.delete(key);
    throw error;
  }
  await announcePictures(result.product);
  return result.image;
}

/** Put a product's pictures in a new order: `imageIds` must be exactly its pictures, each once. */
export async function reorderImages(
  db: Db,
  actorId: string,
  input: { productId: string; imageIds: string[] },
  meta: RequestMeta,
) {
  const result = await db.$transaction(async (tx) => {
    const product = await lockProduct(tx, input.productId);
    const images = await tx.productImage.findMany({
      where: { productId: input.productId },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    const current = images.map((image) => image.id);
    const wanted = new Set(input.imageIds);
    if (
      wanted.size !== input.imageIds.length ||
      input.imageIds.length !== current.length ||
      !current.every((id) => wanted.has(id))
    )
      throw fieldError(
        "BAD_REQUEST",
        "imageIds",
        `must list each of the product's ${current.length} pictures once`,
      );
    const changed = input.imageIds.some((id, i) => id !== current[i]);
    if (!changed) return { product, changed };
    for (const [position, id] of input.imageIds.entries())
      await tx.productImage.update({ where: { id }, data: { position } });
    await recordProductChange(
      tx,
      product,
      {
        action: "product.images_reordered",
        actorId,
        targetType: "product",
        targetId: input.productId,
        before: { imageIds: current },
        after: { imageIds: input.imageIds },
      },
      meta,
    );
    return { product, changed };
  });
  if (result.changed) await announcePictures(result.product);
  return { productId: input.productId, imageIds: input.imageIds };
}

/** Remove a picture: its row now, its file once that has committed. */
export async function deleteImage(
  db: Db,
  storage: MediaStorage,
  actorId: string,
  imageId: string,
  meta: RequestMeta,
) {
  const result = await db.$transaction(async (tx) => {
    const found = await tx.productImage.findUnique({ where: { id: imageId }, select: { productId: true } });
    if (!found) throw notFound("That picture");
    const product = await lockProduct(tx, found.productId);
    const image = await tx.productImage.delete({ where: { id: imageId }, select: imageSelect });
    const { id: _, ...before } = image;
    await recordProductChange(
      tx,
      product,
      {
        action: "product.image_removed",
        actorId,
        targetType: "product",
        targetId: found.productId,
        before,
        after: null,
        details: { imageId },
      },
      meta,
    );
    return { product, url: image.url };
  });
  const key = keyOf(result.url);
  if (key) {
    // The picture is already gone from the shop; a file left behind is only disk space.
    await storage.delete(key).catch((error: unknown) => {
      logger.warn({ err: error, key }, "could not delete a removed picture's file");
    });
  }
  await announcePictures(result.product);
  return { imageId };
}

/** Change what a picture's text alternative says. */
export async function updateImageAlt(
  db: Db,
  actorId: string,
  input: { imageId: string; alt: string },
  meta: RequestMeta,
) {
  const result = await db.$transaction(async (tx) => {
    const found = await tx.productImage.findUnique({
      where: { id: input.imageId },
      select: { productId: true, alt: true },
    });
    if (!found) throw notFound("That picture");
    const product = await lockProduct(tx, found.productId);
    const diff = changedFields({ alt: found.alt }, { alt: input.alt });
    if (Object.keys(diff.after).length === 0) return { product, changed: false };
    await tx.productImage.update({ where: { id: input.imageId }, data: { alt: input.alt } });
    await recordProductChange(
      tx,
      product,
      {
        action: "product.image_updated",
        actorId,
        targetType: "product",
        targetId: found.productId,
        ...diff,
        details: { imageId: input.imageId },
      },
      meta,
    );
    return { product, changed: true };
  });
  if (result.changed) await announcePictures(result.product);
  return { imageId: input.imageId, alt: input.alt };
}
