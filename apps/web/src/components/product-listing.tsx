"use client";

import { PRODUCT_PAGE_SIZE } from "@bazaar/validators";
import { keepPreviousData } from "@tanstack/react-query";
import type { Route } from "next";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useId, useState } from "react";

import { hasCategory } from "~/lib/category-tree";
import {
  effectiveSort,
  hasFilters,
  listingQueryString,
  parseListingParams,
  sortChoices,
  toFacetsInput,
  toListingInput,
  type ListingParams,
} from "~/lib/listing-params";
import { useHydrated } from "~/lib/use-hydrated";
import { api } from "~/trpc/react";

import { CategoryChips } from "./category-chips";
import { FilterPanel, type CategoryNode, type Facets } from "./filter-panel";
import { ProductGrid } from "./product-grid";

export interface ProductListingProps {
  /** "browse": /products and /categories/[slug]; "search": /search, where the category is a parameter. */
  mode: "browse" | "search";
  /** The listing's own path, which its filters are parameters of. */
  basePath: string;
  /** A category page's category (browse mode). */
  categorySlug?: string;
  /** The grid's accessible name, e.g. "Kitchen products". */
  label: string;
  categories: CategoryNode[];
  currency: string;
  /**
   * The facets the server used to render this URL, so the first render needs no request: the
   * scope's (category and search: they name the options) and the filtered ones (the counts).
   */
  initialFacets: Record<"scope" | "filtered", { input: object; data: Facets }>;
}

const sameInput = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A product listing whose view is its URL. The server renders it from the URL it was asked for;
 * with JavaScript, changing a filter rewrites the URL in place (no server round trip) and React
 * Query fetches the products for it, keeping the previous results on screen meanwhile.
 */
export function ProductListing(props: ProductListingProps) {
  const { mode, basePath, currency } = props;
  const searchParams = useSearchParams();
  const urlQuery = searchParams.toString();
  const hydrated = useHydrated();
  const formId = useId();
  const sortId = useId();

  // The view, from the URL; a change made here shows at once, before the router catches up.
  const [pending, setPending] = useState<{ query: string; from: string } | null>(null);
  const query = pending?.from === urlQuery ? pending.query : urlQuery;
  const parsed = parseListingParams(new URLSearchParams(query), currency);
  const { params } = parsed;
  const [formProblems, setFormProblems] = useState<string[]>([]);

  // On /search a category that does not exist is ignored (the server made the same check).
  const scopeCategory =
    mode === "browse"
      ? props.categorySlug
      : params.category && hasCategory(props.categories, params.category)
        ? params.category
        : undefined;
  const urlProblems =
    mode === "search" && params.category && !scopeCategory
      ? [...parsed.problems, `There is no category “${params.category}”, so all of them were searched.`]
      : parsed.problems;
  const scopeInput = {
    ...(scopeCategory ? { categorySlug: scopeCategory } : {}),
    ...(params.q ? { q: params.q } : {}),
  };
  const initial = (key: "scope" | "filtered", input: object) =>
    sameInput(input, props.initialFacets[key].input) ? props.initialFacets[key].data : undefined;
  const scopeQuery = api.catalog.facets.useQuery(scopeInput, {
    initialData: initial("scope", scopeInput),
    placeholderData: keepPreviousData,
  });
  // Until the scope's facets are in, every option-like parameter counts as a filter.
  const optionNames = scopeQuery.isPlaceholderData ? undefined : scopeQuery.data?.options.map((o) => o.name);
  const input = toListingInput(params, {
    categorySlug: scopeCategory,
    optionNames,
    limit: PRODUCT_PAGE_SIZE,
  });
  // With no filter this is the scope's own query (one request); with filters, the counts under them.
  const facetsInput = toFacetsInput(input);
  const facetsQuery = api.catalog.facets.useQuery(facetsInput, {
    initialData: initial("filtered", facetsInput),
    placeholderData: keepPreviousData,
  });
  const facets = facetsQuery.data;
  const productsQuery = api.catalog.products.useInfiniteQuery(input, {
    initialCursor: params.cursor ?? null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });

  const show = (next: ListingParams) => {
    const nextQuery = listingQueryString({ ...next, cursor: undefined }, currency);
    setPending({ query: nextQuery.replace(/^\?/, ""), from: urlQuery });
    window.history.replaceState(null, "", `${basePath}${nextQuery}`);
  };
  const applyForm = (form: HTMLFormElement) => {
    const data = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (typeof value === "string") data.append(name, value);
    const parsed = parseListingParams(data, currency);
    setFormProblems(parsed.problems);
    show(parsed.params);
  };
  const clear = () => {
    setFormProblems([]);
    show({
      q: params.q,
      category: mode === "search" ? params.category : undefined,
      inStock: false,
      options: {},
    });
  };

  const pages = productsQuery.data?.pages ?? [];
  const products = pages.flatMap((page) => page.items);
  const firstPage = pages[0];
  const lastPage = pages.at(-1);
  const total = firstPage?.total ?? 0;
  const keep = (extra: Partial<ListingParams>) =>
    listingQueryString({ ...params, cursor: undefined, ...extra }, currency);
  const nextHref = lastPage?.nextCursor ? `${basePath}${keep({ cursor: lastPage.nextCursor })}` : null;

  // Category links: a category page keeps the order and stock choice (other filters belong to
  // the category); a search keeps the search.
  const categoryHref = (slug: string) =>
    mode === "browse"
      ? `/categories/${slug}${listingQueryString({ inStock: params.inStock, options: {}, sort: params.sort === "relevance" ? undefined : params.sort }, currency)}`
      : `/search${listingQueryString({ q: params.q, category: slug, inStock: false, options: {} }, currency)}`;
  const allHref =
    mode === "browse"
      ? `/products${listingQueryString({ inStock: params.inStock, options: {}, sort: params.sort === "relevance" ? undefined : params.sort }, currency)}`
      : `/search${listingQueryString({ q: params.q, inStock: false, options: {} }, currency)}`;
  const clearHref = `${basePath}${listingQueryString({ q: params.q, category: mode === "search" ? params.category : undefined, inStock: false, options: {} }, currency)}`;

  const hidden: Record<string, string> = {};
  if (params.q) hidden.q = params.q;
  if (mode === "search" && scopeCategory) hidden.category = scopeCategory;

  const sort = effectiveSort(params);
  const activeFilters =
    (params.min !== undefined || params.max !== undefined ? 1 : 0) +
    (params.inStock ? 1 : 0) +
    Object.values(params.options).reduce((sum, values) => sum + values.length, 0);

  return (
    <div className="relative">
      {/* The filter panel is long: keyboard users can go straight past it. */}
      <a
        href="#results"
        className="sr-only focus:not-sr-only focus:absolute focus:-top-7 focus:left-0 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-1 focus:text-sm focus:font-medium"
      >
        Skip to results
      </a>
      <div className="grid gap-8 lg:grid-cols-[16rem_1fr]">
        {/* On a phone the filters fold away under one "Filters" button; from the lg breakpoint
          they are always shown (globals.css), and the button is hidden. No JavaScript needed. */}
        <details className="filters-disclosure rounded-lg border border-gray-200 p-4 lg:border-0 lg:p-0">
          <summary className="cursor-pointer font-semibold lg:hidden">
            Filters{activeFilters > 0 ? ` (${activeFilters} applied)` : ""}
          </summary>
          <div className="mt-4 lg:mt-0">
            <FilterPanel
              formId={formId}
              action={basePath}
              params={params}
              hidden={hidden}
              facets={facets}
              currency={currency}
              categories={{
                heading: mode === "search" ? "Search in" : "Categories",
                allLabel: mode === "search" ? "All categories" : "All products",
                allHref,
                nodes: props.categories,
                counts: mode === "browse",
              }}
              currentCategory={scopeCategory}
              categoryHref={categoryHref}
              clearHref={clearHref}
              onApply={applyForm}
              onClear={clear}
              problems={formProblems}
            />
          </div>
        </details>

        <section id="results" aria-label="Results" tabIndex={-1} className="min-w-0 focus:outline-none">
          <div className="mb-6 flex flex-wrap items-center justify-between gap-4 border-b border-gray-200 pb-4">
            <p role="status" className="text-sm font-medium text-gray-700">
              {productsQuery.isPending
                ? "Loading products…"
                : `${total} ${total === 1 ? "product" : "products"}`}
            </p>
            <div className="flex items-center gap-2 text-sm">
              <label htmlFor={sortId} className="font-medium">
                Sort by
              </label>
              <select
                id={sortId}
                name="sort"
                form={formId}
                value={sort}
                onChange={(event) => {
                  const form = event.currentTarget.form;
                  if (form) applyForm(form);
                }}
                className="rounded-md border border-gray-400 bg-white px-2 py-1.5 focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                {sortChoices(Boolean(params.q)).map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </select>
              {!hydrated && (
                <button
                  type="submit"
                  form={formId}
                  className="rounded-md border border-gray-400 px-3 py-1.5 font-medium hover:bg-gray-50"
                >
                  Sort
                </button>
              )}
            </div>
          </div>

          {urlProblems.length > 0 && (
            <ul className="mb-4 space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
              {urlProblems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}

          {params.cursor && (
            <p className="mb-4 text-sm">
              <Link href={`${basePath}${keep({})}` as Route} className="font-medium text-brand-700 underline">
                Back to the first page
              </Link>
            </p>
          )}

          {productsQuery.isError && !productsQuery.data ? (
            <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6 text-center">
              <p className="font-medium text-red-800">We could not load these products.</p>
              <button
                type="button"
                onClick={() => void productsQuery.refetch()}
                className="mt-3 rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900"
              >
                Try again
              </button>
            </div>
          ) : productsQuery.isPending ? (
            <div
              role="status"
              aria-label="Loading products"
              className="grid grid-cols-2 gap-4 md:grid-cols-4"
            >
              {Array.from({ length: 8 }, (_, i) => (
                <div key={i} className="aspect-square animate-pulse rounded-lg bg-gray-100" />
              ))}
            </div>
          ) : total === 0 && products.length === 0 ? (
            <EmptyResults
              params={params}
              didYouMean={firstPage?.didYouMean ?? null}
              categories={props.categories}
              clearHref={hasFilters(params) ? clearHref : null}
              onClear={clear}
              currency={currency}
            />
          ) : (
            <ProductGrid
              products={products}
              label={props.label}
              total={total}
              nextHref={nextHref}
              onLoadMore={() => void productsQuery.fetchNextPage()}
              loadingMore={productsQuery.isFetchingNextPage}
              loadMoreFailed={productsQuery.isFetchNextPageError}
              busy={productsQuery.isPlaceholderData}
            />
          )}
        </section>
      </div>
    </div>
  );
}

function EmptyResults({
  params,
  didYouMean,
  categories,
  clearHref,
  onClear,
  currency,
}: {
  params: ListingParams;
  didYouMean: string | null;
  categories: CategoryNode[];
  clearHref: string | null;
  onClear: () => void;
  currency: string;
}) {
  return (
    <div className="rounded-lg border border-gray-200 p-8 text-center">
      <h2 className="text-xl font-semibold">
        {params.q ? `No products match “${params.q}”` : "No products match these filters"}
      </h2>
      {didYouMean && (
        <p className="mt-3 text-gray-700">
          Did you mean{" "}
          <Link
            href={
              `/search${listingQueryString({ q: didYouMean, inStock: false, options: {} }, currency)}` as Route
            }
            className="font-semibold text-brand-700 underline"
          >
            {didYouMean}
          </Link>
          ?
        </p>
      )}
      {clearHref && (
        <p className="mt-3">
          <Link
            href={clearHref}
            onClick={(event) => {
              event.preventDefault();
              onClear();
            }}
            className="font-medium text-brand-700 underline"
          >
            Clear the filters
          </Link>
        </p>
      )}
      <CategoryChips categories={categories} className="mt-6" />
    </div>
  );
}
