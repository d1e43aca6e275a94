"use client";

import type { RouterOutputs } from "@bazaar/api";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";

import { optionLabel, type ListingParams } from "~/lib/listing-params";
import { currencyDigits, decimalToMinor, minorToDecimal } from "~/lib/price";

export type Facets = RouterOutputs["catalog"]["facets"];
export type CategoryNode = RouterOutputs["catalog"]["categories"][number];

const fieldsetClass = "border-t border-gray-200 pt-4";
const legendClass = "mb-2 text-sm font-semibold text-gray-900";
const checkboxClass =
  "size-4 rounded border-gray-400 accent-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";
const linkClass =
  "rounded hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";

/**
 * A price field that shows what the shopper typed until the URL says something else (a link
 * cleared the filters, or another tab of history came back), not a reformatted "12.50" mid-typing.
 */
function usePriceText(amount: number | undefined, currency: string) {
  const fromUrl = amount === undefined ? "" : minorToDecimal(amount, currency);
  const [text, setText] = useState(fromUrl);
  const [seen, setSeen] = useState(amount);
  if (seen !== amount) {
    setSeen(amount);
    const typed = text.trim() === "" ? undefined : decimalToMinor(text, currency);
    if (typed !== amount) setText(fromUrl);
  }
  return [text, setText] as const;
}

export interface FilterPanelProps {
  formId: string;
  /** Where the form sends its GET without JavaScript: the listing's own path. */
  action: string;
  params: ListingParams;
  /** Fields the form carries as they are (the search on /search). */
  hidden: Record<string, string>;
  facets: Facets | undefined;
  currency: string;
  /** `counts`: the catalog's own counts, which only make sense when not searching. */
  categories: { heading: string; allLabel: string; allHref: string; nodes: CategoryNode[]; counts: boolean };
  currentCategory?: string;
  categoryHref: (slug: string) => string;
  clearHref: string;
  /** With JavaScript: read the form and show the view it describes. */
  onApply: (form: HTMLFormElement) => void;
  onClear: () => void;
  /** Prices or other fields the form could not use, said next to the form. */
  problems: string[];
}

/** The filter panel: a plain GET form that JavaScript makes instant. */
export function FilterPanel(props: FilterPanelProps) {
  const { formId, params, facets, currency, onApply } = props;
  const id = useId();
  const [minText, setMinText] = usePriceText(params.min, currency);
  const [maxText, setMaxText] = usePriceText(params.max, currency);
  const step = currencyDigits(currency) === 0 ? "1" : `0.${"0".repeat(currencyDigits(currency) - 1)}1`;
  const problemsId = `${id}-problems`;

  // Options the URL asks for that the facets do not list still show, checked, so they can be undone.
  const options = (facets?.options ?? []).map((option) => {
    const selected = params.options[option.name] ?? [];
    const extra = selected
      .filter((value) => !option.values.some((v) => v.value === value))
      .map((value) => ({ value, count: 0 }));
    return { ...option, values: [...option.values, ...extra] };
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(event.currentTarget);
  };
  const applyNow = (event: { currentTarget: HTMLInputElement }) => {
    const form = event.currentTarget.form;
    if (form) onApply(form);
  };

  return (
    <form
      id={formId}
      method="get"
      action={props.action}
      onSubmit={submit}
      aria-label="Filters"
      aria-describedby={props.problems.length > 0 ? problemsId : undefined}
      className="space-y-5 text-sm"
    >
      {Object.entries(props.hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}

      <nav aria-labelledby={`${id}-categories`}>
        <h2 id={`${id}-categories`} className={legendClass}>
          {props.categories.heading}
        </h2>
        <ul className="space-y-1">
          <li>
            <Link
              href={props.categories.allHref}
              aria-current={props.currentCategory ? undefined : "page"}
              className={`${linkClass} aria-[current=page]:font-semibold aria-[current=page]:text-brand-700`}
            >
              {props.categories.allLabel}
            </Link>
          </li>
          {props.categories.nodes.map((node) => (
            <CategoryBranch
              key={node.id}
              node={node}
              current={props.currentCategory}
              href={props.categoryHref}
              counts={props.categories.counts}
            />
          ))}
        </ul>
      </nav>

      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>Price ({currency})</legend>
        <div className="flex items-end gap-2">
          <div className="flex-1">
            <label htmlFor={`${id}-min`} className="block text-xs text-gray-700">
              Minimum price
            </label>
            <input
              id={`${id}-min`}
              name="min"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              pattern={`\\d*(\\.\\d{0,${currencyDigits(currency)}})?`}
              placeholder={facets?.price ? minorToDecimal(facets.price.min, currency) : "0"}
              value={minText}
              onChange={(event) => setMinText(event.currentTarget.value)}
              onBlur={applyNow}
              className="mt-1 w-full rounded-md border border-gray-400 px-2 py-1.5 placeholder:text-gray-500 focus-visible:outline-2 focus-visible:outline-brand-600"
            />
          </div>
          <span aria-hidden="true" className="pb-2 text-gray-600">
            –
          </span>
          <div className="flex-1">
            <label htmlFor={`${id}-max`} className="block text-xs text-gray-700">
              Maximum price
            </label>
            <input
              id={`${id}-max`}
              name="max"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              pattern={`\\d*(\\.\\d{0,${currencyDigits(currency)}})?`}
              placeholder={facets?.price ? minorToDecimal(facets.price.max, currency) : ""}
              value={maxText}
              onChange={(event) => setMaxText(event.currentTarget.value)}
              onBlur={applyNow}
              className="mt-1 w-full rounded-md border border-gray-400 px-2 py-1.5 placeholder:text-gray-500 focus-visible:outline-2 focus-visible:outline-brand-600"
            />
          </div>
        </div>
        <p className="mt-1 text-xs text-gray-600">
          In {currency}, for example {step === "1" ? "40" : "12.50"}.
        </p>
      </fieldset>

      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>Availability</legend>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            name="stock"
            value="1"
            checked={params.inStock}
            onChange={applyNow}
            className={checkboxClass}
          />
          In stock only
        </label>
      </fieldset>

      {options.map((option) => (
        <fieldset key={option.name} className={fieldsetClass}>
          <legend className={legendClass}>{optionLabel(option.name)}</legend>
          <ul className="max-h-64 space-y-1 overflow-y-auto">
            {option.values.map((value) => (
              <li key={value.value}>
                <label className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    name={option.name}
                    value={value.value}
                    checked={(params.options[option.name] ?? []).includes(value.value)}
                    onChange={applyNow}
                    className={checkboxClass}
                  />
                  <span>
                    {value.value} <span className="text-gray-600">({value.count})</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ))}

      {props.problems.length > 0 && (
        <ul id={problemsId} role="alert" className="space-y-1 text-sm text-red-800">
          {props.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}

      <div className="flex flex-wrap items-center gap-3 border-t border-gray-200 pt-4">
        <button
          type="submit"
          className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        >
          Apply filters
        </button>
        <Link
          href={props.clearHref}
          onClick={(event) => {
            event.preventDefault();
            props.onClear();
          }}
          className={`${linkClass} font-medium text-brand-700 underline`}
        >
          Clear filters
        </Link>
      </div>
    </form>
  );
}

function CategoryBranch({
  node,
  current,
  href,
  counts,
}: {
  node: { id: string; slug: string; name: string; productCount: number; children: CategoryNode[] };
  current: string | undefined;
  href: (slug: string) => string;
  counts: boolean;
}) {
  return (
    <li>
      <Link
        href={href(node.slug)}
        aria-current={node.slug === current ? "page" : undefined}
        className={`${linkClass} aria-[current=page]:font-semibold aria-[current=page]:text-brand-700`}
      >
        {node.name}
        {counts && <span className="text-gray-600"> ({node.productCount})</span>}
      </Link>
      {node.children.length > 0 && (
        <ul className="mt-1 ml-3 space-y-1 border-l border-gray-200 pl-3">
          {node.children.map((child) => (
            <CategoryBranch key={child.id} node={child} current={current} href={href} counts={counts} />
          ))}
        </ul>
      )}
    </li>
  );
}
