"use client";

import { PRODUCT_PAGE_SIZE } from "@bazaar/validators";

import { api } from "~/trpc/react";

import { ProductList } from "./product-card";

/** A category's (or the whole shop's) products, newest first, one page at a time. */
export function ProductGrid({ categorySlug, label }: { categorySlug?: string; label: string }) {
  const [data, query] = api.catalog.products.useSuspenseInfiniteQuery(
    { categorySlug, limit: PRODUCT_PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor },
  );
  const products = data.pages.flatMap((page) => page.items);
  return (
    <div>
      <ProductList products={products} label={label} />
      <p aria-live="polite" className="mt-8 text-center text-sm text-gray-500">
        Showing {products.length} {products.length === 1 ? "product" : "products"}
      </p>
      {query.hasNextPage && (
        <div className="mt-4 text-center">
          <button
            type="button"
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
            className="rounded-md bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60"
          >
            {query.isFetchingNextPage ? "Loading…" : "Load more products"}
          </button>
        </div>
      )}
      {query.isFetchNextPageError && (
        <p role="alert" className="mt-4 text-center text-sm text-red-700">
          Could not load more products. Please try again.
        </p>
      )}
    </div>
  );
}
