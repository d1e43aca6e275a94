import type { Metadata, Route } from "next";
import Link from "next/link";

import { ActionButtons, type ActionButton } from "~/components/admin/action-buttons";
import { categoryOptions } from "~/components/admin/category-options";
import { adminHref } from "~/components/admin/links";
import { param } from "~/components/admin/table-query";
import { orNotFound } from "~/server/or-not-found";
import { requireStaff } from "~/server/session";
import { trpc } from "~/trpc/server";

import { setProductStatus } from "../actions";
import { STATUS_NAMES, STATUS_STYLES } from "../status";
import { DetailsForm } from "./details-form";
import { ImageItem, ImageUpload } from "./images";
import { AddVariantForm, VariantRows } from "./variants";

export const metadata: Metadata = { title: "Product", robots: { index: false } };

const STATUS_BUTTONS = {
  publish: { label: "Publish", name: "status", value: "PUBLISHED", variant: "primary" },
  unpublish: { label: "Unpublish", name: "status", value: "DRAFT" },
  archive: { label: "Archive", name: "status", value: "ARCHIVED", variant: "danger" },
} satisfies Record<string, ActionButton>;

// What an action that redirected here did (its own form went with what it removed).
const DONE: Record<string, string> = {
  created: "Product created. Add pictures, then publish it when it is ready.",
  "variant-removed": "Variant removed.",
  "picture-deleted": "Picture deleted.",
};

/** One product: its details, status, variants with their stock, and pictures. */
export default async function ProductPage({ params, searchParams }: PageProps<"/admin/products/[id]">) {
  const { id } = await params;
  await requireStaff(adminHref("products", id));
  const [product, tree, query] = await Promise.all([
    orNotFound(trpc.admin.products.get({ productId: id })),
    trpc.admin.categories.list(),
    searchParams,
  ]);
  const { publish, unpublish, archive } = STATUS_BUTTONS;
  const buttons = {
    DRAFT: [publish, archive],
    PUBLISHED: [unpublish, archive],
    ARCHIVED: [publish, unpublish],
  }[product.status];
  const currency = product.variants[0]?.currency ?? "USD";
  const done = DONE[param(query.done) ?? ""];
  return (
    <div className="space-y-10">
      <section aria-labelledby="product-heading" className="space-y-4">
        <p className="text-sm">
          <Link href="/admin/products" className="text-brand-700 hover:underline">
            ← Products
          </Link>
        </p>
        <p
          role="status"
          className={
            done
              ? "rounded-md border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-brand-900"
              : undefined
          }
        >
          {done}
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 id="product-heading" className="text-3xl font-bold">
            {product.name}
          </h1>
          <span className={`rounded px-2 py-0.5 text-sm font-medium ${STATUS_STYLES[product.status]}`}>
            {STATUS_NAMES[product.status]}
          </span>
        </div>
        <p className="text-sm text-gray-600">
          In {product.category.name} · {product.variants.length}{" "}
          {product.variants.length === 1 ? "variant" : "variants"} ·{" "}
          {product.status === "PUBLISHED" ? (
            <Link href={`/products/${product.slug}` as Route} className="text-brand-700 underline">
              View in the shop
            </Link>
          ) : (
            "not in the shop"
          )}
        </p>
        <ActionButtons
          action={setProductStatus}
          hidden={{ productId: product.id }}
          label="Status"
          buttons={buttons}
        />
      </section>

      <section aria-labelledby="details-heading" className="space-y-4">
        <h2 id="details-heading" className="text-xl font-semibold">
          Details
        </h2>
        <DetailsForm
          product={{
            id: product.id,
            name: product.name,
            slug: product.slug,
            description: product.description,
            categoryId: product.category.id,
            featured: product.featured,
          }}
          categories={categoryOptions(tree)}
        />
      </section>

      <section aria-labelledby="variants-heading" className="space-y-4">
        <h2 id="variants-heading" className="text-xl font-semibold">
          Variants
        </h2>
        {/* `relative`: the visually hidden labels inside are placed (and clipped) here, not beside the page. */}
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Variants of {product.name}, with their stock</caption>
            <thead className="border-b border-gray-200 text-gray-600">
              <tr>
                <th scope="col" className="py-2 pr-2 font-medium">
                  SKU
                </th>
                <th scope="col" className="py-2 pr-2 font-medium">
                  Name
                </th>
                <th scope="col" className="py-2 pr-2 font-medium">
                  Options
                </th>
                <th scope="col" className="py-2 pr-2 font-medium">
                  Price ({currency})
                </th>
                <th scope="col" className="py-2 pr-2 font-medium">
                  Was
                </th>
                <th scope="col" className="py-2 pr-2 text-right font-medium">
                  On hand
                </th>
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">Save</span>
                </th>
              </tr>
            </thead>
            {product.variants.map((variant) => (
              <VariantRows
                key={variant.id}
                productId={product.id}
                variant={variant}
                removable={product.variants.length > 1}
                ledgerHref={
                  `${adminHref("products", product.id)}/variants/${encodeURIComponent(variant.id)}` as Route
                }
              />
            ))}
          </table>
        </div>
        <h3 className="text-lg font-semibold">Add a variant</h3>
        <AddVariantForm productId={product.id} currency={currency} />
      </section>

      <section aria-labelledby="pictures-heading" className="space-y-4">
        <h2 id="pictures-heading" className="text-xl font-semibold">
          Pictures
        </h2>
        {product.images.length === 0 ? (
          <p className="text-gray-600">No pictures yet: the shop shows a plain card until one is added.</p>
        ) : (
          <ol aria-label="Pictures, in the order shown" className="space-y-3">
            {product.images.map((image, index) => (
              <ImageItem
                key={image.id}
                productId={product.id}
                image={image}
                index={index}
                count={product.images.length}
              />
            ))}
          </ol>
        )}
        <h3 className="text-lg font-semibold">Upload a picture</h3>
        <ImageUpload productId={product.id} />
      </section>
    </div>
  );
}
