"use client";

import type { Route } from "next";
import Link from "next/link";

import { api } from "~/trpc/react";

const count = (n: number) => `${n} ${n === 1 ? "product" : "products"}`;

/** The shop's departments and standalone categories, each with the categories inside it. */
export function CategoryList() {
  const [categories] = api.catalog.categories.useSuspenseQuery();
  return (
    <ul aria-label="Categories" className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {categories.map((category) => (
        <li key={category.id} className="rounded-lg border border-gray-200 p-4 hover:border-brand-600">
          <Link
            href={`/categories/${category.slug}` as Route}
            className="block rounded focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
          >
            <span className="block font-medium">{category.name}</span>
            <span className="block text-sm text-gray-600">{count(category.productCount)}</span>
          </Link>
          {category.children.length > 0 && (
            <ul
              aria-label={`In ${category.name}`}
              className="mt-3 space-y-1 border-t border-gray-100 pt-3 text-sm"
            >
              {category.children.map((child) => (
                <li key={child.id}>
                  <Link
                    href={`/categories/${child.slug}` as Route}
                    className="rounded text-gray-700 hover:text-brand-700 hover:underline"
                  >
                    {child.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
