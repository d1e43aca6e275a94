"use client";

import Link from "next/link";

import { api } from "~/trpc/react";

export function CategoryList() {
  const [categories] = api.catalog.categories.useSuspenseQuery();
  return (
    <ul aria-label="Categories" className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-5">
      {categories.map((category) => (
        <li key={category.id}>
          <Link
            href={`/categories/${category.slug}`}
            className="block h-full rounded-lg border border-gray-200 p-4 hover:border-brand-600 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            <span className="block font-medium">{category.name}</span>
            <span className="block text-sm text-gray-500">
              {category.productCount} {category.productCount === 1 ? "product" : "products"}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
