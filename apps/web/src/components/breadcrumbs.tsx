import type { Route } from "next";
import Link from "next/link";

/** Where a page sits in the shop; the last crumb is the page itself. */
export function Breadcrumbs({ trail }: { trail: { name: string; href?: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-6 text-sm text-gray-600">
      <ol className="flex flex-wrap gap-2">
        {trail.map((crumb, index) => (
          <li key={`${crumb.name}-${index}`} className="flex gap-2">
            {index > 0 && <span aria-hidden="true">/</span>}
            {crumb.href ? (
              <Link
                href={crumb.href as Route}
                className="rounded hover:text-gray-900 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                {crumb.name}
              </Link>
            ) : (
              <span aria-current="page" className="text-gray-900">
                {crumb.name}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
