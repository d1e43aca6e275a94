"use client";

import { formatMoney } from "@bazaar/validators";
import { keepPreviousData } from "@tanstack/react-query";
import Form from "next/form";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useId, useState, type KeyboardEvent } from "react";

import { api } from "~/trpc/react";

const DEBOUNCE_MS = 200;
const MIN_LENGTH = 2;

function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

interface Suggestion {
  id: string;
  href: string;
  label: string;
  detail: string;
  group: "products" | "categories";
}

const inputClass =
  "w-full rounded-l-md border border-r-0 border-gray-400 px-3 py-2 text-sm placeholder:text-gray-500 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-brand-600";
const buttonClass =
  "rounded-r-md bg-brand-700 px-3 py-2 text-sm font-medium text-white hover:bg-brand-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";

/**
 * The header's search: a GET form to /search (so it works without JavaScript), and with it a
 * combobox that suggests products and categories as the shopper types (WAI-ARIA combobox with a
 * listbox popup: arrows move, Enter opens the highlighted suggestion or searches, Escape closes).
 */
export function SearchBox() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const id = useId();
  const listboxId = `${id}-suggestions`;
  const [text, setText] = useState(() => searchParams.get("q") ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  // A new search page (the header survives navigation) shows its own query in the box.
  const urlQuery = searchParams.get("q") ?? "";
  const [seenQuery, setSeenQuery] = useState(urlQuery);
  if (seenQuery !== urlQuery) {
    setSeenQuery(urlQuery);
    setText(urlQuery);
  }

  const q = useDebounced(text.trim(), DEBOUNCE_MS);
  const enabled = q.length >= MIN_LENGTH;
  const suggestQuery = api.catalog.suggest.useQuery(
    { q: q.slice(0, 100), limit: 6 },
    { enabled, placeholderData: keepPreviousData, staleTime: 60_000 },
  );
  const data = enabled ? suggestQuery.data : undefined;
  const suggestions: Suggestion[] = [
    ...(data?.products ?? []).map((product) => ({
      id: `${id}-product-${product.slug}`,
      href: `/products/${product.slug}`,
      label: product.name,
      detail: formatMoney(product.priceFrom),
      group: "products" as const,
    })),
    ...(data?.categories ?? []).map((category) => ({
      id: `${id}-category-${category.slug}`,
      href: `/categories/${category.slug}`,
      label: category.name,
      detail: "Category",
      group: "categories" as const,
    })),
  ];
  const expanded = open && text.trim().length >= MIN_LENGTH && suggestions.length > 0;
  const activeSuggestion = expanded && active >= 0 ? suggestions[active] : undefined;

  const go = (suggestion: Suggestion) => {
    setOpen(false);
    setActive(-1);
    router.push(suggestion.href);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!expanded) {
          setOpen(true);
          setActive(suggestions.length > 0 ? 0 : -1);
        } else {
          setActive((index) => (index + 1) % suggestions.length);
        }
        break;
      case "ArrowUp":
        event.preventDefault();
        if (!expanded) {
          setOpen(true);
          setActive(suggestions.length - 1);
        } else {
          setActive((index) => (index <= 0 ? suggestions.length - 1 : index - 1));
        }
        break;
      case "Enter":
        if (activeSuggestion) {
          event.preventDefault();
          go(activeSuggestion);
        } else {
          setOpen(false);
        }
        break;
      case "Escape":
        if (expanded) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (text) {
          event.preventDefault();
          setText("");
        }
        break;
      case "Home":
      case "End":
        // Left to the text field (moving the caret), as the pattern recommends.
        setActive(-1);
        break;
    }
  };

  const groups = (["products", "categories"] as const)
    .map((group) => ({
      group,
      label: group === "products" ? "Products" : "Categories",
      items: suggestions.map((s, index) => ({ s, index })).filter(({ s }) => s.group === group),
    }))
    .filter((g) => g.items.length > 0);

  return (
    <Form action="/search" role="search" className="relative flex w-full max-w-md">
      <label htmlFor={`${id}-input`} className="sr-only">
        Search products
      </label>
      <input
        id={`${id}-input`}
        name="q"
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listboxId}
        aria-activedescendant={activeSuggestion?.id}
        autoComplete="off"
        enterKeyHint="search"
        maxLength={100}
        placeholder="Search products"
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className={inputClass}
      />
      <button type="submit" className={buttonClass}>
        Search
      </button>
      <div
        id={listboxId}
        role="listbox"
        aria-label="Suggestions"
        hidden={!expanded}
        // Keep focus in the field while a suggestion is clicked.
        onMouseDown={(event) => event.preventDefault()}
        className="absolute top-full right-0 left-0 z-20 mt-1 max-h-96 overflow-y-auto rounded-md border border-gray-300 bg-white py-1 shadow-lg"
      >
        {groups.map(({ group, label, items }) => (
          <div key={group} role="group" aria-labelledby={`${id}-${group}-label`}>
            <div
              id={`${id}-${group}-label`}
              role="presentation"
              className="px-3 pt-2 pb-1 text-xs font-semibold tracking-wide text-gray-600 uppercase"
            >
              {label}
            </div>
            {items.map(({ s, index }) => (
              <div
                key={s.id}
                id={s.id}
                role="option"
                aria-selected={index === active}
                onClick={() => go(s)}
                onMouseMove={() => setActive(index)}
                className="flex cursor-pointer justify-between gap-3 px-3 py-2 text-sm aria-selected:bg-brand-50 aria-selected:text-brand-900"
              >
                <span>{s.label}</span>
                <span className="shrink-0 text-gray-600">{s.detail}</span>
              </div>
            ))}
          </div>
        ))}
      </div>
      <p aria-live="polite" className="sr-only">
        {expanded ? `${suggestions.length} ${suggestions.length === 1 ? "suggestion" : "suggestions"}` : ""}
      </p>
    </Form>
  );
}

/** The same form before the interactive one loads (or where it never does). */
export function SearchBoxFallback() {
  return (
    <form action="/search" method="get" role="search" className="relative flex w-full max-w-md">
      <label htmlFor="search-box-fallback" className="sr-only">
        Search products
      </label>
      <input
        id="search-box-fallback"
        name="q"
        type="search"
        maxLength={100}
        placeholder="Search products"
        className={inputClass}
      />
      <button type="submit" className={buttonClass}>
        Search
      </button>
    </form>
  );
}
