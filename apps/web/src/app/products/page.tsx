import type { Metadata } from "next";

import { ListingSection } from "~/components/listing-section";
import { shopUrl } from "~/server/app-url";

export const dynamic = "force-dynamic";

const description =
  "Every product in the shop: filter by price, availability, size and colour, and sort by price or newest.";

export function generateMetadata(): Metadata {
  // Filtered and sorted views are the same page for search engines: one canonical URL.
  const url = shopUrl("/products");
  return {
    title: "All products",
    description,
    alternates: { canonical: url },
    openGraph: { title: "All products · Bazaar", description, url, type: "website", siteName: "Bazaar" },
  };
}

export default async function AllProductsPage({ searchParams }: PageProps<"/products">) {
  return (
    <>
      <h1 className="mb-8 text-3xl font-bold">All products</h1>
      <ListingSection
        mode="browse"
        basePath="/products"
        label="All products"
        searchParams={await searchParams}
      />
    </>
  );
}
