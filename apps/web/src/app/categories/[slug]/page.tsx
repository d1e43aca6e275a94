import type { Metadata, Route } from "next";
import Link from "next/link";
import { cache } from "react";

import { Breadcrumbs } from "~/components/breadcrumbs";
import { ListingSection } from "~/components/listing-section";
import { shopUrl } from "~/server/app-url";
import { orNotFound } from "~/server/or-not-found";
import { trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

// generateMetadata and the page share one lookup per request.
const getCategory = cache((slug: string) => orNotFound(trpc.catalog.categoryBySlug({ slug })));

export async function generateMetadata({ params }: PageProps<"/categories/[slug]">): Promise<Metadata> {
  const category = await getCategory((await params).slug);
  const url = shopUrl(`/categories/${category.slug}`);
  return {
    title: category.name,
    description: category.description,
    alternates: { canonical: url },
    openGraph: {
      title: `${category.name} · Bazaar`,
      description: category.description,
      url,
      type: "website",
      siteName: "Bazaar",
    },
  };
}

export default async function CategoryPage({ params, searchParams }: PageProps<"/categories/[slug]">) {
  const category = await getCategory((await params).slug);
  return (
    <>
      <Breadcrumbs
        trail={[
          { name: "Home", href: "/" },
          ...(category.parent
            ? [{ name: category.parent.name, href: `/categories/${category.parent.slug}` }]
            : []),
          { name: category.name },
        ]}
      />
      <h1 className="text-3xl font-bold">{category.name}</h1>
      <p className="mt-2 text-gray-700">{category.description}</p>
      {category.children.length > 0 && (
        <nav aria-labelledby="subcategories-heading" className="mt-6">
          <h2 id="subcategories-heading" className="text-sm font-semibold text-gray-900">
            Subcategories
          </h2>
          <ul className="mt-2 flex flex-wrap gap-2">
            {category.children.map((child) => (
              <li key={child.slug}>
                <Link
                  href={`/categories/${child.slug}` as Route}
                  className="inline-block rounded-full border border-gray-300 px-4 py-1.5 text-sm font-medium hover:border-brand-600 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
                >
                  {child.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div className="mt-8">
        <ListingSection
          mode="browse"
          basePath={`/categories/${category.slug}`}
          categorySlug={category.slug}
          label={`${category.name} products`}
          searchParams={await searchParams}
        />
      </div>
    </>
  );
}
