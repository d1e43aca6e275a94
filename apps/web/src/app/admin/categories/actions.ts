"use server";

import type { Route } from "next";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { field, formError, type FormState } from "~/server/form-state";
import { actionCaller } from "~/server/session";

function revalidateCategories() {
  revalidatePath("/admin/categories");
  // The products table's category filter lists them too.
  revalidatePath("/admin/products");
}

/** Every text field as submitted, to put back in the form after a refusal. */
const submitted = (form: FormData) =>
  Object.fromEntries([...form.entries()].flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));

export async function createCategory(_previous: FormState, form: FormData): Promise<FormState> {
  const values = submitted(form);
  try {
    const category = await (
      await actionCaller()
    ).admin.categories.create({
      name: field(form, "name"),
      slug: field(form, "slug"),
      description: field(form, "description"),
      parentId: field(form, "parentId") || null,
    });
    revalidateCategories();
    // Emptied for the next one.
    return { ok: true, message: `Created “${category.name}”.` };
  } catch (error) {
    return formError(error, values);
  }
}

// A category that moves or goes away takes its form (and the form's message) with it, so these
// two come back to the page, which says what was done.

/** Rename, re-describe or move (an empty parent is the top level). */
export async function updateCategory(_previous: FormState, form: FormData): Promise<FormState> {
  const values = submitted(form);
  const categoryId = field(form, "categoryId");
  try {
    await (
      await actionCaller()
    ).admin.categories.update({
      categoryId,
      name: field(form, "name"),
      slug: field(form, "slug"),
      description: field(form, "description"),
      parentId: field(form, "parentId") || null,
    });
  } catch (error) {
    return formError(error, values);
  }
  revalidateCategories();
  redirect(`/admin/categories?saved=${encodeURIComponent(categoryId)}` as Route);
}

export async function deleteCategory(_previous: FormState, form: FormData): Promise<FormState> {
  try {
    await (await actionCaller()).admin.categories.delete({ categoryId: field(form, "categoryId") });
  } catch (error) {
    return formError(error);
  }
  revalidateCategories();
  redirect("/admin/categories?deleted=1");
}
