// Only plain values may cross from a "use client" module into a server component, so the page
// size comes from the shared validators, not from the grid component.
import { PRODUCT_PAGE_SIZE } from "@bazaar/validators";
import type { Metadata } from "next";
import { Suspense } from "react";

import { LoadingGrid } from "~/components/loading-grid";
import { ProductGrid } from "~/components/product-grid";
import { HydrateClient, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "All products" };

export default function AllProductsPage() {
  void trpc.catalog.products.prefetchInfinite({ limit: PRODUCT_PAGE_SIZE });
  return (
    <HydrateClient>
      <h1 className="mb-8 text-3xl font-bold">All products</h1>
      <Suspense fallback={<LoadingGrid label="Loading products" count={8} />}>
        <ProductGrid label="All products" />
      </Suspense>
    </HydrateClient>
  );
}
