import type { Metadata } from "next";
import Link from "next/link";

import { categoryOptions } from "~/components/admin/category-options";
import { requireStaff } from "~/server/session";
import { trpc } from "~/trpc/server";

import { ProductForm } from "./product-form";

export const metadata: Metadata = { title: "New product", robots: { index: false } };

/** A new product and its first variants; pictures and publishing follow on its own page. */
export default async function NewProductPage() {
  await requireStaff("/admin/products/new");
  const categories = categoryOptions(await trpc.admin.categories.list());
  return (
    <section aria-labelledby="new-product-heading" className="space-y-6">
      <p className="text-sm">
        <Link href="/admin/products" className="text-brand-700 hover:underline">
          ← Products
        </Link>
      </p>
      <h1 id="new-product-heading" className="text-3xl font-bold">
        New product
      </h1>
      {categories.length === 0 ? (
        <p className="text-gray-600">
          A product is filed in a category:{" "}
          <Link href="/admin/categories" className="text-brand-700 underline">
            create one first
          </Link>
          .
        </p>
      ) : (
        <ProductForm categories={categories} />
      )}
    </section>
  );
}
