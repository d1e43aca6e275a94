import type { Metadata } from "next";
import { Suspense } from "react";

import { CategoryList } from "~/components/category-list";
import { FeaturedProducts } from "~/components/featured-products";
import { LoadingGrid } from "~/components/loading-grid";
import { shopUrl } from "~/server/app-url";
import { HydrateClient, trpc } from "~/trpc/server";

// Rendered per request from the live catalog.
export const dynamic = "force-dynamic";

const FEATURED_LIMIT = 8;
const description = "Everyday things, well made: clothing, home, kitchen, outdoor and more.";

export function generateMetadata(): Metadata {
  const url = shopUrl("/");
  return {
    title: { absolute: "Bazaar · everyday things, well made" },
    description,
    alternates: { canonical: url },
    openGraph: { title: "Bazaar", description, url, type: "website", siteName: "Bazaar" },
  };
}

export default function HomePage() {
  // Started here on the server, finished in the browser's cache: the client never refetches them.
  void trpc.catalog.featured.prefetch({ limit: FEATURED_LIMIT });
  void trpc.catalog.categories.prefetch();
  return (
    <HydrateClient>
      <section aria-labelledby="featured-heading">
        <h1 className="sr-only">Bazaar</h1>
        <h2 id="featured-heading" className="mb-4 text-2xl font-semibold">
          Featured products
        </h2>
        <Suspense fallback={<LoadingGrid label="Loading featured products" />}>
          <FeaturedProducts limit={FEATURED_LIMIT} />
        </Suspense>
      </section>
      <section aria-labelledby="categories-heading" className="mt-12">
        <h2 id="categories-heading" className="mb-4 text-2xl font-semibold">
          Shop by category
        </h2>
        <Suspense fallback={<LoadingGrid label="Loading categories" />}>
          <CategoryList />
        </Suspense>
      </section>
    </HydrateClient>
  );
}
