import type { Route } from "next";
import Link from "next/link";

import { ProblemAlert } from "~/components/problem-alert";

/**
 * The foot of an admin table: how many rows match, and links to the first and the next page.
 * Pages are keyset cursors (the server's `nextCursor`), so there is no "page 7 of 4,000" to jump
 * to; filters stay in the URL beside the cursor.
 */
export function Pager({
  pathname,
  params = {},
  cursor,
  page,
  noun,
}: {
  pathname: string;
  /** The table's current filters (without `cursor`), if it has any. */
  params?: Record<string, string | undefined>;
  /** The cursor this page was read with; none on the first page. */
  cursor: string | undefined;
  /** The page as the list procedure answered it. */
  page: { items: readonly unknown[]; nextCursor: string | null; total: number };
  noun: { one: string; many: string };
}) {
  const { nextCursor, total } = page;
  const shown = page.items.length;
  const query = (at?: string) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
    if (at) search.set("cursor", at);
    const text = search.toString();
    return (text ? `${pathname}?${text}` : pathname) as Route;
  };
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-gray-600">
        {total.toLocaleString("en-US")} {total === 1 ? noun.one : noun.many}
        {total > shown ? `, ${shown.toLocaleString("en-US")} on this page` : ""}
      </p>
      <div className="flex gap-3">
        {cursor ? (
          <Link href={query()} className="rounded border border-gray-300 px-3 py-1.5 hover:bg-gray-50">
            First page
          </Link>
        ) : null}
        {nextCursor ? (
          <Link
            href={query(nextCursor)}
            rel="next"
            className="rounded border border-gray-300 px-3 py-1.5 hover:bg-gray-50"
          >
            Next page
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

/** In place of a table whose address the server refused (a hand-edited cursor, say): the way back. */
export function RefusedAddress({
  firstPage,
  linkText = "Start from the first page",
}: {
  firstPage: Route;
  linkText?: string;
}) {
  return (
    <ProblemAlert message="This page’s address is not valid any more.">
      <Link href={firstPage} className="font-medium underline">
        {linkText}
      </Link>
    </ProblemAlert>
  );
}
