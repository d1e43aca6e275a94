"use client";

import type { Route } from "next";
import Link from "next/link";
import { usePathname } from "next/navigation";

const SECTIONS: readonly { href: Route; label: string }[] = [
  { href: "/account", label: "Profile" },
  { href: "/account/orders", label: "Orders" },
  { href: "/account/security", label: "Security" },
  { href: "/account/privacy", label: "Privacy" },
];

/** The account pages' own navigation; the page you are on is marked for assistive technology too. */
export function AccountNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Account">
      <ul className="flex gap-2 overflow-x-auto border-b border-gray-200 text-sm font-medium md:flex-col md:border-b-0">
        {SECTIONS.map(({ href, label }) => {
          const current = pathname === href;
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={`block rounded-md px-3 py-2 ${current ? "bg-brand-50 text-brand-900" : "text-gray-700 hover:bg-gray-50"}`}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
