import type { Metadata } from "next";
import Link from "next/link";
import { Suspense, type ReactNode } from "react";

import { AccountMenu, AccountMenuFallback } from "~/components/account-menu";
import { CartMenu, CartMenuFallback } from "~/components/cart-menu";
import { SearchBox, SearchBoxFallback } from "~/components/search-box";
import { TRPCReactProvider } from "~/trpc/react";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Bazaar", template: "%s · Bazaar" },
  description: "Everyday things, well made: clothing, home, kitchen, outdoor and more.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white font-sans text-gray-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <TRPCReactProvider>
          <header className="border-b border-gray-200">
            <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-3 px-4 py-4">
              <Link
                href="/"
                className="rounded text-xl font-bold text-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
              >
                Bazaar
              </Link>
              <div className="order-last w-full md:order-none md:w-auto md:flex-1 md:px-4">
                {/* The search box reads the URL's query; where that is only known in the browser,
                    the plain form stands in. */}
                <Suspense fallback={<SearchBoxFallback />}>
                  <SearchBox />
                </Suspense>
              </div>
              <nav aria-label="Main">
                <ul className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm font-medium">
                  <li>
                    <Link href="/products" className="hover:text-brand-700">
                      All products
                    </Link>
                  </li>
                  <Suspense fallback={<CartMenuFallback />}>
                    <CartMenu />
                  </Suspense>
                  <Suspense fallback={<AccountMenuFallback />}>
                    <AccountMenu />
                  </Suspense>
                </ul>
              </nav>
            </div>
          </header>
          <main id="main" className="mx-auto max-w-6xl px-4 py-8">
            {children}
          </main>
        </TRPCReactProvider>
        <footer className="mt-16 border-t border-gray-200 py-8 text-center text-sm text-gray-600">
          Bazaar · a demonstration shop
        </footer>
      </body>
    </html>
  );
}
