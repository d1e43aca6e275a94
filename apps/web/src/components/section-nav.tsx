"use client";

import type { Route } from "next";
import Link from "next/link";
import { usePathname } from "next/navigation";

export interface Section {
  href: Route;
  label: string;
  /** Also current on the pages below it (/admin/orders/123 is under Orders). */
  nested?: boolean;
}

/** A side navigation (the account's, the admin console's); the page you are on is marked for assistive technology too. */
export function SectionNav({ label, sections }: { label: string; sections: readonly Section[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label}>
      <ul className="flex gap-2 overflow-x-auto border-b border-gray-200 text-sm font-medium md:flex-col md:border-b-0">
        {sections.map(({ href, label: text, nested }) => {
          const current = pathname === href || (nested === true && pathname.startsWith(`${href}/`));
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={`block rounded-md px-3 py-2 whitespace-nowrap ${current ? "bg-brand-50 text-brand-900" : "text-gray-700 hover:bg-gray-50"}`}
              >
                {text}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
