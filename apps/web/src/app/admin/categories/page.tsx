import type { Metadata } from "next";

import { ActionButtons } from "~/components/admin/action-buttons";
import { categoryOptions, type CategoryNode } from "~/components/admin/category-options";
import { param } from "~/components/admin/table-query";
import { requireStaff } from "~/server/session";
import { trpc } from "~/trpc/server";

import { deleteCategory } from "./actions";
import { CategoryForm } from "./category-form";

export const metadata: Metadata = { title: "Categories", robots: { index: false } };

type Node = Awaited<ReturnType<typeof trpc.admin.categories.list>>[number];

/** The tree without one category and everything inside it: where that category may move to. */
function without(nodes: readonly CategoryNode[], id: string): CategoryNode[] {
  return nodes
    .filter((node) => node.id !== id)
    .map((node) => ({ ...node, children: without(node.children, id) }));
}

function find(nodes: readonly Node[], id: string): Node | undefined {
  for (const node of nodes) {
    const found = node.id === id ? node : find(node.children, id);
    if (found) return found;
  }
  return undefined;
}

const count = (n: number) => `${n} ${n === 1 ? "product" : "products"}`;

/** The catalog's departments and the categories inside them: create, rename, move, delete. */
export default async function CategoriesPage({ searchParams }: PageProps<"/admin/categories">) {
  await requireStaff("/admin/categories");
  const [tree, query] = await Promise.all([trpc.admin.categories.list(), searchParams]);
  const saved = param(query.saved);
  const done = param(query.deleted)
    ? "Category deleted."
    : saved
      ? `Saved “${find(tree, saved)?.name ?? "the category"}”.`
      : null;
  return (
    <div className="space-y-10">
      <section aria-labelledby="categories-heading" className="space-y-4">
        <h1 id="categories-heading" className="text-3xl font-bold">
          Categories
        </h1>
        <p
          role="status"
          className={
            done
              ? "rounded-md border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-brand-900"
              : undefined
          }
        >
          {done}
        </p>
        {tree.length === 0 ? (
          <p className="text-gray-600">There are no categories yet.</p>
        ) : (
          <CategoryTree nodes={tree} all={tree} />
        )}
      </section>
      <section aria-labelledby="new-category-heading" className="space-y-4">
        <h2 id="new-category-heading" className="text-xl font-semibold">
          New category
        </h2>
        <CategoryForm parents={categoryOptions(tree)} />
      </section>
    </div>
  );
}

function CategoryTree({ nodes, all }: { nodes: Node[]; all: Node[] }) {
  return (
    <ul className="space-y-2">
      {nodes.map((node) => (
        <li key={node.id} className="space-y-2">
          <details className="rounded-lg border border-gray-200 px-3 py-2">
            <summary className="cursor-pointer">
              <span className="font-medium">{node.name}</span>{" "}
              <span className="text-sm text-gray-600">
                /{node.slug} · {count(node.productCount)} here
                {node.totalProductCount !== node.productCount
                  ? `, ${count(node.totalProductCount)} in all`
                  : ""}
              </span>
            </summary>
            <div className="mt-3 space-y-4 border-t border-gray-100 pt-3">
              <CategoryForm
                category={{
                  id: node.id,
                  name: node.name,
                  slug: node.slug,
                  description: node.description,
                  parentId: node.parentId,
                }}
                parents={categoryOptions(without(all, node.id))}
              />
              <ActionButtons
                action={deleteCategory}
                hidden={{ categoryId: node.id }}
                label={`Delete ${node.name}`}
                buttons={[
                  { label: "Delete category", variant: "danger", ariaLabel: `Delete category ${node.name}` },
                ]}
              />
            </div>
          </details>
          {node.children.length > 0 && (
            <div className="ml-6">
              <CategoryTree nodes={node.children} all={all} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
