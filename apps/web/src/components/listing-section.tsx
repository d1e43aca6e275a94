// The server half of a product listing: reads the URL, fetches what the first render needs, and
// hands the browser a query cache already holding it (no request when the page comes alive).
import { PRODUCT_PAGE_SIZE } from "@bazaar/validators";

import { hasCategory } from "~/lib/category-tree";
import { parseListingParams, toListingInput, type RawSearchParams } from "~/lib/listing-params";
import { SHOP_CURRENCY } from "~/lib/shop";
import { HydrateClient, trpc } from "~/trpc/server";

import { ProductListing } from "./product-listing";

export async function ListingSection({
  mode,
  basePath,
  categorySlug,
  label,
  searchParams,
}: {
  mode: "browse" | "search";
  basePath: string;
  categorySlug?: string;
  label: string;
  searchParams: RawSearchParams;
}) {
  const currency = SHOP_CURRENCY;
  const { params } = parseListingParams(searchParams, currency);
  const categories = await trpc.catalog.categories();
  // On /search the category is a parameter: one that does not exist is ignored, not a 404 (the
  // browser makes the same check against the same tree).
  const scopeCategory =
    mode === "browse"
      ? categorySlug
      : params.category && hasCategory(categories, params.category)
        ? params.category
        : undefined;
  const facetsInput = {
    ...(scopeCategory ? { categorySlug: scopeCategory } : {}),
    ...(params.q ? { q: params.q } : {}),
  };
  const scope = { categorySlug: scopeCategory, limit: PRODUCT_PAGE_SIZE };
  // The first page is the cursor's (a no-JavaScript "next page" link); the query's key leaves the
  // cursor out, so the browser's infinite query finds it under the same key.
  const initialCursor = params.cursor ?? null;
  const prefetch = (listing: ReturnType<typeof toListingInput>) =>
    trpc.catalog.products.prefetchInfinite({ ...listing, cursor: initialCursor }, { initialCursor });

  // The products are fetched alongside the facets, with every option-like parameter as a filter;
  // in the rare case the facets show one of them is no option at all (`?ref=mail`), once more without.
  const guess = toListingInput(params, scope);
  const [facets] = await Promise.all([trpc.catalog.facets(facetsInput), prefetch(guess)]);
  const input = toListingInput(params, {
    ...scope,
    optionNames: facets.options.map((option) => option.name),
  });
  if (JSON.stringify(input) !== JSON.stringify(guess)) {
    await prefetch(input);
  }

  return (
    <HydrateClient>
      <ProductListing
        mode={mode}
        basePath={basePath}
        categorySlug={mode === "browse" ? categorySlug : undefined}
        label={label}
        categories={categories}
        currency={currency}
        initialFacets={{ input: facetsInput, data: facets }}
      />
    </HydrateClient>
  );
}
