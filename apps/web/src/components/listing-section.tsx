// The server half of a product listing: reads the URL, fetches what the first render needs, and
// hands the browser a query cache already holding it (no request when the page comes alive).
import { PRODUCT_PAGE_SIZE } from "@bazaar/validators";

import { hasCategory } from "~/lib/category-tree";
import {
  parseListingParams,
  toFacetsInput,
  toListingInput,
  type RawSearchParams,
} from "~/lib/listing-params";
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
  const scopeInput = {
    ...(scopeCategory ? { categorySlug: scopeCategory } : {}),
    ...(params.q ? { q: params.q } : {}),
  };
  const scope = { categorySlug: scopeCategory, limit: PRODUCT_PAGE_SIZE };
  // The first page is the cursor's (a no-JavaScript "next page" link); the query's key leaves the
  // cursor out, so the browser's infinite query finds it under the same key.
  const initialCursor = params.cursor ?? null;
  const prefetch = (listing: ReturnType<typeof toListingInput>) =>
    trpc.catalog.products.prefetchInfinite({ ...listing, cursor: initialCursor }, { initialCursor });

  // The scope's facets name its options; only parameters named like one are filters (not a stray
  // `?ref=mail`). The products are fetched alongside with every option-like parameter as a filter,
  // and once more in the rare case one of them is no option at all.
  const guess = toListingInput(params, scope);
  const [scopeFacets] = await Promise.all([trpc.catalog.facets(scopeInput), prefetch(guess)]);
  const input = toListingInput(params, {
    ...scope,
    optionNames: scopeFacets.options.map((option) => option.name),
  });
  const facetsInput = toFacetsInput(input);
  const [facets] = await Promise.all([
    JSON.stringify(facetsInput) === JSON.stringify(scopeInput)
      ? scopeFacets
      : trpc.catalog.facets(facetsInput),
    JSON.stringify(input) === JSON.stringify(guess) ? undefined : prefetch(input),
  ]);

  return (
    <HydrateClient>
      <ProductListing
        mode={mode}
        basePath={basePath}
        categorySlug={mode === "browse" ? categorySlug : undefined}
        label={label}
        categories={categories}
        currency={currency}
        initialFacets={{
          scope: { input: scopeInput, data: scopeFacets },
          filtered: { input: facetsInput, data: facets },
        }}
      />
    </HydrateClient>
  );
}
