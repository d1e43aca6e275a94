import type { Route } from "next";
import Link from "next/link";

/**
 * The foot of an admin table: how many rows match, and links to the first and the next page.
 * Pages are keyset cursors (the server's `nextCursor`), so there is no "page 7 of 4,000" to jump
 * to; filters stay in the URL beside the cursor.
 */
export function Pager({
  pathname,
  params,
  cursor,
  nextCursor,
  total,
  shown,
  noun,
}: {
  pathname: string;
  /** The table's current filters (without `cursor`). */
  params: Record<string, string | undefined>;
  /** The cursor this page was read with; none on the first page. */
  cursor: string | undefined;
  nextCursor: string | null;
  total: number;
  shown: number;
  noun: { one: string; many: string };
}) {
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
