import Link from "next/link";
import type { ReactNode } from "react";

/** A column's heading: its text, or the text and how the column's figures line up. */
export type Column = string | { label: string; align: "right" };

/** Every heading has the same padding but the last, whose column ends the row. */
function headingClass(right: boolean, last: boolean): string {
  return ["py-2", last ? null : "pr-4", right ? "text-right" : null, "font-medium"].filter(Boolean).join(" ");
}

/**
 * The console's tables: column headings over the rows given as children (each row led by a
 * `<th scope="row">`), in a box that scrolls sideways on a narrow screen. The caption is visually
 * hidden: it names the table for assistive technology (and the end-to-end tests).
 * (The product page's variants, a grid of inputs with a `<tbody>` per variant, keep their own.)
 */
export function AdminTable({
  caption,
  columns,
  regionLabel,
  children,
}: {
  caption: ReactNode;
  columns: readonly Column[];
  /** Names the scrolling box and makes it focusable, so it can be scrolled sideways from the keyboard. */
  regionLabel?: string;
  children: ReactNode;
}) {
  const region = regionLabel ? { role: "region", "aria-label": regionLabel, tabIndex: 0 } : {};
  return (
    <div {...region} className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-gray-200 text-gray-600">
          <tr>
            {columns.map((column, index) => {
              const { label, align } = typeof column === "string" ? { label: column, align: null } : column;
              return (
                <th
                  key={label}
                  scope="col"
                  className={headingClass(align === "right", index === columns.length - 1)}
                >
                  {label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">{children}</tbody>
      </table>
    </div>
  );
}

/** The link a row leads with, to the record it lists (an order, a customer, a product ...). */
export function RecordLink({
  href,
  mono = false,
  children,
}: {
  href: string;
  mono?: boolean;
  children: ReactNode;
}) {
  return (
    <Link href={href} className={`${mono ? "font-mono" : ""}font-medium text-brand-700 hover:underline`}>
      {children}
    </Link>
  );
}
