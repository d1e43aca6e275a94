import { png, uploadForm } from "../image-fixtures.ts";
import type { AdminAccessRow } from "./rows.ts";

// Past the access rule each of these names something that does not exist: a 404, nothing changed.
const variant = { sku: "MATRIX-1", name: "One size", priceAmount: 1000, currency: "USD" };

export const productsRows: AdminAccessRow[] = [
  { path: "admin.products.list", who: "staff", input: {} },
  { path: "admin.products.get", who: "staff", input: { productId: "no-such-product" } },
  {
    path: "admin.products.create",
    who: "staff",
    mutation: true,
    input: { name: "Matrix", slug: "matrix", categoryId: "no-such-category", variants: [variant] },
  },
  {
    path: "admin.products.update",
    who: "staff",
    mutation: true,
    input: { productId: "no-such-product", name: "Renamed" },
  },
  {
    path: "admin.products.setStatus",
    who: "staff",
    mutation: true,
    input: { productId: "no-such-product", status: "PUBLISHED" },
  },
  {
    path: "admin.products.addVariant",
    who: "staff",
    mutation: true,
    input: { productId: "no-such-product", sku: "MATRIX-2", name: "Two", priceAmount: 1000 },
  },
  {
    path: "admin.products.updateVariant",
    who: "staff",
    mutation: true,
    input: { variantId: "no-such-variant", priceAmount: 1200 },
  },
  {
    path: "admin.products.removeVariant",
    who: "staff",
    mutation: true,
    input: { variantId: "no-such-variant" },
  },
  {
    path: "admin.products.uploadImage",
    who: "staff",
    mutation: true,
    input: uploadForm(
      { productId: "no-such-product", alt: "A picture" },
      { bytes: png(2, 2), name: "a.png", type: "image/png" },
    ),
  },
  {
    path: "admin.products.reorderImages",
    who: "staff",
    mutation: true,
    input: { productId: "no-such-product", imageIds: ["no-such-image"] },
  },
  { path: "admin.products.deleteImage", who: "staff", mutation: true, input: { imageId: "no-such-image" } },
  {
    path: "admin.products.updateImageAlt",
    who: "staff",
    mutation: true,
    input: { imageId: "no-such-image", alt: "Another text" },
  },
];
