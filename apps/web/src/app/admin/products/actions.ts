"use server";

import type { ProductStatus, StockAdjustReason } from "@bazaar/validators";
import type { Route } from "next";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { adminHref } from "~/components/admin/links";
import { field, formError, optionalField, type FormState } from "~/server/form-state";
import { actionCaller } from "~/server/session";

import {
  foldOptionErrors,
  parseCount,
  parseOptionalPrice,
  parseOptions,
  parsePrice,
  type Parsed,
} from "./form-values";

const STATUS_DONE = { PUBLISHED: "Published.", DRAFT: "Unpublished: back to draft.", ARCHIVED: "Archived." };

// The schemas refuse any other value with a field error; the casts only satisfy the compiler.
const asStatus = (value: string) => value as ProductStatus;
const asReason = (value: string) => value as StockAdjustReason;

/** Every text field as submitted, to put back in the form after a refusal. */
function submitted(form: FormData): Record<string, string> {
  return Object.fromEntries([...form.entries()].flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
}

/**
 * Collects the fields the form could not read, keyed like the API's own field errors. `take`
 * gives the value, or `otherwise` after noting the message: a form with any is refused before
 * its values are used.
 */
function reader() {
  const fieldErrors: Record<string, string[]> = {};
  return {
    fieldErrors,
    take<T>(key: string, parsed: Parsed<T>, otherwise: T): T {
      if (parsed.ok) return parsed.value;
      fieldErrors[key] = [parsed.message];
      return otherwise;
    },
    get failed() {
      return Object.keys(fieldErrors).length > 0;
    },
  };
}

/** A refusal for the product forms: option problems beside the options field, one currency field. */
function refused(error: unknown, values: Record<string, string>): FormState {
  const state = formError(error, values);
  if (!state.fieldErrors) return state;
  const folded = foldOptionErrors(state.fieldErrors);
  for (const key of Object.keys(folded))
    if (/^variants\.\d+\.currency$/.test(key)) {
      folded.currency = [...(folded.currency ?? []), ...(folded[key] ?? [])];
      delete folded[key];
    }
  return { ...state, fieldErrors: folded };
}

function revalidateProduct(productId: string) {
  revalidatePath(adminHref("products", productId));
  revalidatePath("/admin/products");
}

/** A new product from the form's fields and its variant rows (`variants.<n>.<field>`). */
export async function createProduct(_previous: FormState, form: FormData): Promise<FormState> {
  const values = submitted(form);
  const currency = field(form, "currency").trim().toUpperCase() || "USD";
  const rows = [
    ...new Set(
      Object.keys(values).flatMap((key) => {
        const index = /^variants\.(\d+)\./.exec(key)?.[1];
        return index === undefined ? [] : [Number(index)];
      }),
    ),
  ].sort((a, b) => a - b);
  const form$ = reader();
  const variants = rows.map((i) => {
    const at = (name: string) => `variants.${i}.${name}`;
    return {
      sku: field(form, at("sku")),
      name: field(form, at("name")),
      options: form$.take(at("options"), parseOptions(field(form, at("options"))), {}),
      priceAmount: form$.take(at("priceAmount"), parsePrice(field(form, at("priceAmount")), currency), 0),
      compareAtAmount: form$.take(
        at("compareAtAmount"),
        parseOptionalPrice(field(form, at("compareAtAmount")), currency),
        null,
      ),
      currency,
      openingStock: form$.take(at("openingStock"), parseCount(field(form, at("openingStock")), 0), 0),
    };
  });
  if (form$.failed) return { fieldErrors: form$.fieldErrors, values };
  let product: { id: string };
  try {
    product = await (
      await actionCaller()
    ).admin.products.create({
      name: field(form, "name"),
      slug: field(form, "slug"),
      description: field(form, "description"),
      categoryId: field(form, "categoryId"),
      featured: form.get("featured") === "on",
      status: asStatus(field(form, "status") || "DRAFT"),
      variants,
    });
  } catch (error) {
    return refused(error, values);
  }
  revalidatePath("/admin/products");
  redirect(`${adminHref("products", product.id)}?done=created` as Route);
}

export async function updateProduct(_previous: FormState, form: FormData): Promise<FormState> {
  const values = submitted(form);
  const productId = field(form, "productId");
  try {
    await (
      await actionCaller()
    ).admin.products.update({
      productId,
      name: field(form, "name"),
      slug: field(form, "slug"),
      description: field(form, "description"),
      categoryId: field(form, "categoryId"),
      featured: form.get("featured") === "on",
    });
  } catch (error) {
    return refused(error, values);
  }
  revalidateProduct(productId);
  return { ok: true, message: "Details saved.", values };
}

/** Publish, unpublish or archive: the button pressed names the status. */
export async function setProductStatus(_previous: FormState, form: FormData): Promise<FormState> {
  const productId = field(form, "productId");
  const status = asStatus(field(form, "status"));
  try {
    await (await actionCaller()).admin.products.setStatus({ productId, status });
  } catch (error) {
    return refused(error, {});
  }
  revalidateProduct(productId);
  return { ok: true, message: STATUS_DONE[status] };
}

export async function addVariant(_previous: FormState, form: FormData): Promise<FormState> {
  const values = submitted(form);
  const productId = field(form, "productId");
  const currency = field(form, "currency");
  const form$ = reader();
  const options = form$.take("options", parseOptions(field(form, "options")), {});
  const priceAmount = form$.take("priceAmount", parsePrice(field(form, "priceAmount"), currency), 0);
  const compareAtAmount = form$.take(
    "compareAtAmount",
    parseOptionalPrice(field(form, "compareAtAmount"), currency),
    null,
  );
  const openingStock = form$.take("openingStock", parseCount(field(form, "openingStock"), 0), 0);
  if (form$.failed) return { fieldErrors: form$.fieldErrors, values };
  try {
    await (
      await actionCaller()
    ).admin.products.addVariant({
      productId,
      sku: field(form, "sku"),
      name: field(form, "name"),
      options,
      priceAmount,
      compareAtAmount,
      openingStock,
    });
  } catch (error) {
    return refused(error, values);
  }
  revalidateProduct(productId);
  // The form empties for the next one.
  return { ok: true, message: "Variant added." };
}

export async function updateVariant(_previous: FormState, form: FormData): Promise<FormState> {
  const values = submitted(form);
  const productId = field(form, "productId");
  const currency = field(form, "currency");
  const form$ = reader();
  const options = form$.take("options", parseOptions(field(form, "options")), {});
  const priceAmount = form$.take("priceAmount", parsePrice(field(form, "priceAmount"), currency), 0);
  const compareAtAmount = form$.take(
    "compareAtAmount",
    parseOptionalPrice(field(form, "compareAtAmount"), currency),
    null,
  );
  if (form$.failed) return { fieldErrors: form$.fieldErrors, values };
  try {
    await (
      await actionCaller()
    ).admin.products.updateVariant({
      variantId: field(form, "variantId"),
      sku: field(form, "sku"),
      name: field(form, "name"),
      options,
      priceAmount,
      compareAtAmount,
    });
  } catch (error) {
    return refused(error, values);
  }
  revalidateProduct(productId);
  return { ok: true, message: "Saved.", values };
}

// Removing takes the row (and its form's message) off the page: the page says it instead.
export async function removeVariant(_previous: FormState, form: FormData): Promise<FormState> {
  const productId = field(form, "productId");
  try {
    await (await actionCaller()).admin.products.removeVariant({ variantId: field(form, "variantId") });
  } catch (error) {
    return refused(error, {});
  }
  revalidateProduct(productId);
  redirect(`${adminHref("products", productId)}?done=variant-removed` as Route);
}

/** Staff add or take stock with a reason; the ledger records it (admin.stock.adjust). */
export async function adjustStock(_previous: FormState, form: FormData): Promise<FormState> {
  const values = submitted(form);
  const productId = field(form, "productId");
  const delta = parseCount(field(form, "delta"));
  if (!delta.ok) return { fieldErrors: { delta: [delta.message] }, values };
  let result: { stockOnHand: number };
  try {
    result = await (
      await actionCaller()
    ).admin.stock.adjust({
      variantId: field(form, "variantId"),
      delta: delta.value,
      reason: asReason(field(form, "reason")),
      note: optionalField(form, "note"),
    });
  } catch (error) {
    return refused(error, values);
  }
  revalidateProduct(productId);
  return { ok: true, message: `Stock is now ${result.stockOnHand}.` };
}

/** Move a picture one place earlier or later. */
export async function moveImage(_previous: FormState, form: FormData): Promise<FormState> {
  const productId = field(form, "productId");
  const imageId = field(form, "imageId");
  const caller = await actionCaller();
  try {
    const ids = (await caller.admin.products.get({ productId })).images.map((image) => image.id);
    const from = ids.indexOf(imageId);
    const to = from + (field(form, "direction") === "up" ? -1 : 1);
    if (from === -1 || to < 0 || to >= ids.length) return { message: "That picture cannot move further." };
    [ids[from], ids[to]] = [ids[to] ?? "", ids[from] ?? ""];
    await caller.admin.products.reorderImages({ productId, imageIds: ids });
  } catch (error) {
    return refused(error, {});
  }
  revalidateProduct(productId);
  return { ok: true, message: "Moved." };
}

export async function deleteImage(_previous: FormState, form: FormData): Promise<FormState> {
  const productId = field(form, "productId");
  try {
    await (await actionCaller()).admin.products.deleteImage({ imageId: field(form, "imageId") });
  } catch (error) {
    return refused(error, {});
  }
  revalidateProduct(productId);
  redirect(`${adminHref("products", productId)}?done=picture-deleted` as Route);
}

export async function updateImageAlt(_previous: FormState, form: FormData): Promise<FormState> {
  const values = submitted(form);
  const productId = field(form, "productId");
  try {
    await (
      await actionCaller()
    ).admin.products.updateImageAlt({ imageId: field(form, "imageId"), alt: field(form, "alt") });
  } catch (error) {
    return refused(error, values);
  }
  revalidateProduct(productId);
  return { ok: true, message: "Saved.", values };
}
