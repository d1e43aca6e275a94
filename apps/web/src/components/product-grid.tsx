"use client";

import Link from "next/link";

import { useHydrated } from "~/lib/use-hydrated";

import { ProductList, type ProductCardData } from "./product-card";

const buttonClass =
  "inline-block rounded-md bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-60";

/**
 * A listing's products and how to get more of them. With JavaScript "Load more" appends the next
 * page in place; without it, the same control is a link to the next page's URL.
 */
export function ProductGrid({
  products,
  label,
  total,
  nextHref,
  onLoadMore,
  loadingMore,
  loadMoreFailed,
  busy,
}: {
  products: ProductCardData[];
  label: string;
  total: number;
  /** The next page as a URL (for when JavaScript is off); null on the last page. */
  nextHref: string | null;
  onLoadMore: () => void;
  loadingMore: boolean;
  loadMoreFailed: boolean;
  /** The filters just changed and new results are on their way. */
  busy?: boolean;
}) {
  const hydrated = useHydrated();
  return (
    <div aria-busy={busy ? true : undefined} className={busy ? "opacity-60 transition-opacity" : undefined}>
      <ProductList products={products} label={label} />
      <p className="mt-8 text-center text-sm text-gray-600">
        Showing {products.length} of {total} {total === 1 ? "product" : "products"}
      </p>
      {nextHref && (
        <div className="mt-4 text-center">
          {hydrated ? (
            <button type="button" onClick={onLoadMore} disabled={loadingMore} className={buttonClass}>
              {loadingMore ? "Loading…" : "Load more products"}
            </button>
          ) : (
            <Link href={nextHref} className={buttonClass}>
              Next page
            </Link>
          )}
        </div>
      )}
      {loadMoreFailed && (
        <p role="alert" className="mt-4 text-center text-sm text-red-700">
          Could not load more products. Please try again.
        </p>
      )}
    </div>
  );
}
