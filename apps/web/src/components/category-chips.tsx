import type { Route } from "next";
import Link from "next/link";

/** "Or browse a category": where an empty search or a search with no words sends the shopper on. */
export function CategoryChips({
  categories,
  className,
}: {
  categories: { id: string; slug: string; name: string }[];
  className?: string;
}) {
  return (
    <nav aria-label="Browse categories" className={className}>
      <p className="text-sm text-gray-700">Or browse a category:</p>
      <ul className="mt-3 flex flex-wrap justify-center gap-2">
        {categories.map((category) => (
          <li key={category.id}>
            <Link
              href={`/categories/${category.slug}` as Route}
              className="inline-block rounded-full border border-gray-300 px-3 py-1 text-sm hover:border-brand-600 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              {category.name}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
