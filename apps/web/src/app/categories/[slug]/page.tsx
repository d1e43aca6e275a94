// Only plain values may cross from a "use client" module into a server component, so the page
// size comes from the shared validators, not from the grid component.
import { PRODUCT_PAGE_SIZE } from "@bazaar/validators";
import type { Metadata } from "next";
import { Suspense } from "react";
import { cache } from "react";

import { LoadingGrid } from "~/components/loading-grid";
import { ProductGrid } from "~/components/product-grid";
import { orNotFound } from "~/server/or-not-found";
import { HydrateClient, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

const getCategory = cache((slug: string) => orNotFound(trpc.catalog.categoryBySlug({ slug })));

export async function generateMetadata({ params }: PageProps<"/categories/[slug]">): Promise<Metadata> {
  const category = await getCategory((await params).slug);
  return { title: category.name, description: category.description };
}

export default async function CategoryPage({ params }: PageProps<"/categories/[slug]">) {
  const category = await getCategory((await params).slug);
  void trpc.catalog.products.prefetchInfinite({ categorySlug: category.slug, limit: PRODUCT_PAGE_SIZE });
  return (
    <HydrateClient>
      <h1 className="text-3xl font-bold">{category.name}</h1>
      <p className="mt-2 mb-8 text-gray-600">{category.description}</p>
      <Suspense fallback={<LoadingGrid label="Loading products" count={8} />}>
        <ProductGrid categorySlug={category.slug} label={`${category.name} products`} />
      </Suspense>
    </HydrateClient>
  );
}
