import type { Metadata } from "next";

import { ListingSection } from "~/components/listing-section";
import { parseListingParams } from "~/lib/listing-params";
import { CategoryChips } from "~/components/category-chips";
import { trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata({ searchParams }: PageProps<"/search">): Promise<Metadata> {
  const { q } = parseListingParams(await searchParams).params;
  return {
    title: q ? `Search results for “${q}”` : "Search",
    description: "Search the Bazaar catalog.",
    // Result pages are endless and thin: crawlers may follow their links but should not index them.
    robots: { index: false, follow: true },
  };
}

export default async function SearchPage({ searchParams }: PageProps<"/search">) {
  const raw = await searchParams;
  const { q } = parseListingParams(raw).params;
  if (!q) return <SearchPrompt />;
  return (
    <>
      <h1 className="mb-8 text-3xl font-bold">
        Search results for <span className="text-brand-700">“{q}”</span>
      </h1>
      <ListingSection mode="search" basePath="/search" label="Search results" searchParams={raw} />
    </>
  );
}

/** /search with nothing to search for: say what to do and offer the categories. */
async function SearchPrompt() {
  const categories = await trpc.catalog.categories();
  return (
    <div className="mx-auto max-w-xl py-8 text-center">
      <h1 className="text-3xl font-bold">Search the shop</h1>
      <form method="get" action="/search" role="search" className="mt-6 flex gap-2">
        <label htmlFor="search-page-q" className="sr-only">
          Search the shop
        </label>
        <input
          id="search-page-q"
          name="q"
          type="search"
          required
          maxLength={100}
          placeholder="Linen shirt, kettle, tent…"
          className="w-full rounded-md border border-gray-400 px-3 py-2 focus-visible:outline-2 focus-visible:outline-brand-600"
        />
        <button
          type="submit"
          className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        >
          Search
        </button>
      </form>
      <CategoryChips categories={categories} className="mt-8" />
    </div>
  );
}
