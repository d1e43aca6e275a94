// A listing's view lives in its URL: `/products?min=12.50&max=40&stock=1&size=M&colour=Navy&sort=price-asc`.
// The server parses it to render the page; the browser parses the same URL (and builds new ones)
// when a shopper filters with JavaScript. One parser for both, so a link reproduces the view, and
// a bad parameter is dropped with a message rather than failing the page.
import {
  optionFiltersSchema,
  PRODUCT_SORTS,
  productCursorSchema,
  searchQuerySchema,
  slugSchema,
  type ProductListInput,
  type ProductSort,
} from "@bazaar/validators";
import { z } from "zod";

import { decimalToMinor, minorToDecimal } from "./price";
import { SHOP_CURRENCY } from "./shop";

/** Parameter names with a meaning of their own; every other well-formed name is a variant option. */
export const RESERVED_PARAMS = ["q", "category", "min", "max", "stock", "sort", "cursor"] as const;

export interface ListingParams {
  /** The search, trimmed; absent when blank. */
  q?: string;
  /** A category chosen inside a search (category pages take theirs from the path). */
  category?: string;
  /** Price bounds in minor units of the shop currency. */
  min?: number;
  max?: number;
  inStock: boolean;
  /** `{ size: ["M", "L"], colour: ["Navy"] }`, in the order they appeared. */
  options: Record<string, string[]>;
  sort?: ProductSort;
  /** Where a no-JavaScript "next page" link resumes; checked against the sort it was made for. */
  cursor?: string;
}

export type RawSearchParams = URLSearchParams | Record<string, string | string[] | undefined>;

export interface ParsedListing {
  params: ListingParams;
  /** What was ignored, in words a shopper understands; empty when the URL was fine. */
  problems: string[];
}

const SORT_LABELS: Record<ProductSort, string> = {
  relevance: "Best match",
  newest: "Newest",
  "price-asc": "Price: low to high",
  "price-desc": "Price: high to low",
};

/** The sorts a listing offers, with their labels; "Best match" only with a search. */
export function sortChoices(hasQuery: boolean): { value: ProductSort; label: string }[] {
  return PRODUCT_SORTS.filter((sort) => hasQuery || sort !== "relevance").map((value) => ({
    value,
    label: SORT_LABELS[value],
  }));
}

/** An option's name as a heading: "colour" → "Colour", "gift-wrap" → "Gift wrap". */
export function optionLabel(name: string): string {
  const words = name.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The order a listing is in when the URL names none: relevance for a search, newest otherwise. */
export function effectiveSort(params: Pick<ListingParams, "q" | "sort">): ProductSort {
  return params.sort ?? (params.q ? "relevance" : "newest");
}

const optionNameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/);
const optionValueSchema = z.string().trim().min(1).max(60);
const sortSchema = z.enum(PRODUCT_SORTS);
const stockSchema = z.enum(["1", "true", "on", "yes"]);
const MAX_OPTION_VALUES = 20;
const MAX_OPTIONS = 6;
const MAX_QUERY_LENGTH = 100;

function entriesOf(raw: RawSearchParams): [string, string][] {
  if (raw instanceof URLSearchParams) return [...raw.entries()];
  return Object.entries(raw).flatMap(([name, value]) =>
    value === undefined
      ? []
      : (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v]),
  );
}

const quoted = (text: string) => `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`;

/** Read a listing's URL parameters; anything malformed is left out and explained. */
export function parseListingParams(raw: RawSearchParams, currency: string = SHOP_CURRENCY): ParsedListing {
  const problems: string[] = [];
  const first = new Map<string, string>();
  const options: Record<string, string[]> = {};
  for (const [name, value] of entriesOf(raw)) {
    if ((RESERVED_PARAMS as readonly string[]).includes(name)) {
      if (!first.has(name)) first.set(name, value);
      continue;
    }
    // Anything else that looks like an option name is one (`size=M`); other names (tracking
    // parameters and the like) are not filters at all and are passed over in silence.
    if (!optionNameSchema.safeParse(name).success) continue;
    const parsedValue = optionValueSchema.safeParse(value);
    if (!parsedValue.success) continue;
    const values = (options[name] ??= []);
    if (!values.includes(parsedValue.data) && values.length < MAX_OPTION_VALUES)
      values.push(parsedValue.data);
  }

  const params: ListingParams = { inStock: false, options: {} };

  const rawQuery = first.get("q");
  if (rawQuery !== undefined) {
    let text = rawQuery;
    if (text.trim().length > MAX_QUERY_LENGTH) {
      text = text.trim().slice(0, MAX_QUERY_LENGTH);
      problems.push(`The search was longer than ${MAX_QUERY_LENGTH} characters, so it was shortened.`);
    }
    const q = searchQuerySchema.safeParse(text);
    if (q.success && q.data) params.q = q.data;
  }

  const category = first.get("category");
  if (category !== undefined && category !== "") {
    const parsed = slugSchema.safeParse(category);
    if (parsed.success) params.category = parsed.data;
    else problems.push(`There is no category ${quoted(category)}, so it was ignored.`);
  }

  for (const bound of ["min", "max"] as const) {
    const text = first.get(bound)?.trim();
    if (!text) continue;
    const amount = decimalToMinor(text, currency);
    if (amount === null) {
      const which = bound === "min" ? "minimum" : "maximum";
      problems.push(`The ${which} price ${quoted(text)} is not an amount like 12.50, so it was ignored.`);
    } else {
      params[bound] = amount;
    }
  }
  // "From 40 to 12" means "between 12 and 40".
  if (params.min !== undefined && params.max !== undefined && params.min > params.max) {
    [params.min, params.max] = [params.max, params.min];
  }

  const stock = first.get("stock");
  params.inStock = stock !== undefined && stockSchema.safeParse(stock.toLowerCase()).success;

  const names = Object.keys(options);
  if (names.length > MAX_OPTIONS) {
    problems.push(`Only ${MAX_OPTIONS} kinds of option can be filtered at once; the rest were ignored.`);
  }
  const kept = Object.fromEntries(names.slice(0, MAX_OPTIONS).map((name) => [name, options[name] ?? []]));
  const parsedOptions = optionFiltersSchema.safeParse(kept);
  if (parsedOptions.success) params.options = parsedOptions.data;

  const sort = first.get("sort");
  if (sort !== undefined && sort !== "") {
    const parsed = sortSchema.safeParse(sort);
    if (!parsed.success) {
      problems.push(`There is no sort order ${quoted(sort)}; showing the usual order.`);
    } else if (parsed.data === "relevance" && !params.q) {
      // "Best match" needs something to match; the usual order applies, nothing to report.
    } else {
      params.sort = parsed.data;
    }
  }

  const cursor = first.get("cursor");
  if (cursor) {
    const parsed = productCursorSchema.safeParse(cursor);
    if (parsed.success && parsed.data.sort === effectiveSort(params)) params.cursor = cursor;
    else problems.push("That page link no longer works; showing the first page instead.");
  }

  return { params, problems };
}

/**
 * The query string for a view, in one canonical order ("" for the plain listing), so equal
 * views have equal URLs. Prices are written as decimals in the shop currency.
 */
export function listingQueryString(params: ListingParams, currency: string = SHOP_CURRENCY): string {
  const search = new URLSearchParams();
  if (params.q) search.set("q", params.q);
  if (params.category) search.set("category", params.category);
  if (params.min !== undefined) search.set("min", minorToDecimal(params.min, currency));
  if (params.max !== undefined) search.set("max", minorToDecimal(params.max, currency));
  if (params.inStock) search.set("stock", "1");
  for (const [name, values] of Object.entries(params.options)) {
    for (const value of values) search.append(name, value);
  }
  if (params.sort) search.set("sort", params.sort);
  if (params.cursor) search.set("cursor", params.cursor);
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** Whether a view narrows the listing at all (a search does not count: it is the listing). */
export function hasFilters(params: ListingParams): boolean {
  return (
    params.min !== undefined ||
    params.max !== undefined ||
    params.inStock ||
    Object.keys(params.options).length > 0
  );
}

export type ListingInput = Omit<ProductListInput, "cursor">;

/**
 * What to ask `catalog.products` for, within `categorySlug` (the page's category, or on /search a
 * `category` parameter the page has checked exists). `optionNames` are the options the listing's facets know:
 * a parameter named like an option that is not one of them (a stray `?ref=mail`) is not a filter.
 */
export function toListingInput(
  params: ListingParams,
  scope: { categorySlug?: string; optionNames?: readonly string[]; limit: number },
): ListingInput {
  const options = Object.fromEntries(
    Object.entries(params.options).filter(([name]) => !scope.optionNames || scope.optionNames.includes(name)),
  );
  const input: ListingInput = { limit: scope.limit };
  if (scope.categorySlug) input.categorySlug = scope.categorySlug;
  if (params.q) input.q = params.q;
  if (params.min !== undefined) input.minPrice = params.min;
  if (params.max !== undefined) input.maxPrice = params.max;
  if (params.inStock) input.inStock = true;
  if (Object.keys(options).length > 0) input.options = options;
  if (params.sort) input.sort = params.sort;
  return input;
}

export type FacetsInput = Pick<
  ListingInput,
  "categorySlug" | "q" | "minPrice" | "maxPrice" | "inStock" | "options"
>;

/** What to ask `catalog.facets` for: the listing's scope and every filter, without sort and size. */
export function toFacetsInput(input: ListingInput): FacetsInput {
  const { limit: _limit, sort: _sort, ...filters } = input;
  return filters;
}
