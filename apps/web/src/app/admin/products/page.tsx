import { formatMoney, PRODUCT_STATUSES, type ProductStatus } from "@bazaar/validators";
import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";

import { AdminTable, RecordLink } from "~/components/admin/admin-table";
import { categoryOptions } from "~/components/admin/category-options";
import { filterControl } from "~/components/admin/filter-control";
import { adminHref } from "~/components/admin/links";
import { Pager, RefusedAddress } from "~/components/admin/pager";
import { param, readTable } from "~/components/admin/table-query";
import { requireStaff } from "~/server/session";
import { trpc } from "~/trpc/server";

import { STATUS_NAMES, STATUS_STYLES } from "./status";

export const metadata: Metadata = { title: "Products", robots: { index: false } };

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const isStatus = (value: string | undefined): value is ProductStatus =>
  PRODUCT_STATUSES.includes(value as ProductStatus);

/** Every product, drafts and archived ones too: search, filter, page through; each links to its page. */
export default async function ProductsPage({ searchParams }: PageProps<"/admin/products">) {
  await requireStaff("/admin/products");
  const query = await searchParams;
  const q = param(query.q)?.slice(0, 100);
  const statusParam = param(query.status);
  const status = isStatus(statusParam) ? statusParam : undefined;
  const categoryId = param(query.category)?.slice(0, 64);
  const cursor = param(query.cursor);
  const [categories, { data: products, refused }] = await Promise.all([
    trpc.admin.categories.list(),
    readTable(() => trpc.admin.products.list({ q, status, categoryId, cursor, limit: 25 })),
  ]);
  const filtered = q !== undefined || status !== undefined || categoryId !== undefined;
  return (
    <section aria-labelledby="products-heading" className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 id="products-heading" className="text-3xl font-bold">
          Products
        </h1>
        <Link
          href="/admin/products/new"
          className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 focus:outline-2 focus:outline-offset-2 focus:outline-brand-700"
        >
          New product
        </Link>
      </div>
      <Form
        action="/admin/products"
        role="search"
        aria-label="Products"
        className="flex flex-wrap items-end gap-3"
      >
        <div className="space-y-1">
          <label htmlFor="product-search" className="block text-sm font-medium">
            Name or SKU
          </label>
          <input
            id="product-search"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={100}
            className={`w-64 max-w-full ${filterControl}`}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="product-status" className="block text-sm font-medium">
            Status
          </label>
          <select id="product-status" name="status" defaultValue={status ?? ""} className={filterControl}>
            <option value="">Any status</option>
            {PRODUCT_STATUSES.map((value) => (
              <option key={value} value={value}>
                {STATUS_NAMES[value]}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="product-category" className="block text-sm font-medium">
            Category
          </label>
          <select
            id="product-category"
            name="category"
            defaultValue={categoryId ?? ""}
            className={`max-w-full ${filterControl}`}
          >
            <option value="">Any category</option>
            {categoryOptions(categories).map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="rounded-md border border-gray-300 px-4 py-2 font-medium hover:bg-gray-50 focus:outline-2 focus:outline-offset-2 focus:outline-brand-700"
        >
          Search
        </button>
        {filtered && (
          <Link href="/admin/products" className="py-2 text-sm text-brand-700 hover:underline">
            Clear
          </Link>
        )}
      </Form>
      {refused ? (
        <RefusedAddress firstPage="/admin/products" />
      ) : products.items.length === 0 ? (
        <p className="text-gray-600">{filtered ? "No product matches." : "There are no products yet."}</p>
      ) : (
        <>
          <AdminTable
            caption={
              <>
                Products{q ? ` matching “${q}”` : ""}
                {status ? `, ${STATUS_NAMES[status]} only` : ""}, newest first
              </>
            }
            columns={[
              "Product",
              "Status",
              "Category",
              { label: "Variants", align: "right" },
              { label: "In stock", align: "right" },
              { label: "Price", align: "right" },
              "Updated",
            ]}
          >
            {products.items.map((product) => (
              <tr key={product.id} className="align-top">
                <th scope="row" className="py-2 pr-4 font-normal">
                  <RecordLink href={adminHref("products", product.id)}>{product.name}</RecordLink>
                  <span className="block text-xs text-gray-500">{product.slug}</span>
                </th>
                <td className="py-2 pr-4">
                  <span
                    className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLES[product.status]}`}
                  >
                    {STATUS_NAMES[product.status]}
                  </span>
                </td>
                <td className="py-2 pr-4">{product.category.name}</td>
                <td className="py-2 pr-4 text-right tabular-nums">{product.variantCount}</td>
                <td className="py-2 pr-4 text-right tabular-nums">{product.totalStock}</td>
                <td className="py-2 pr-4 text-right whitespace-nowrap tabular-nums">
                  {product.price
                    ? product.price.min === product.price.max
                      ? formatMoney({ amount: product.price.min, currency: product.price.currency })
                      : `${formatMoney({ amount: product.price.min, currency: product.price.currency })} – ${formatMoney({ amount: product.price.max, currency: product.price.currency })}`
                    : "—"}
                </td>
                <td className="py-2 whitespace-nowrap">
                  <time dateTime={product.updatedAt.toISOString()}>{day.format(product.updatedAt)}</time>
                </td>
              </tr>
            ))}
          </AdminTable>
          <Pager
            pathname="/admin/products"
            params={{ q, status, category: categoryId }}
            cursor={cursor}
            page={products}
            noun={{ one: "product", many: "products" }}
          />
        </>
      )}
    </section>
  );
}
