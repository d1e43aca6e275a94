import type { AdminAccessRow } from "./rows.ts";

// Past the access rule each write names a category that does not exist: a 404, nothing changed.
export const categoriesRows: AdminAccessRow[] = [
  { path: "admin.categories.list", who: "staff" },
  {
    path: "admin.categories.create",
    who: "staff",
    mutation: true,
    input: { name: "Matrix", slug: "matrix", parentId: "no-such-category" },
  },
  {
    path: "admin.categories.update",
    who: "staff",
    mutation: true,
    input: { categoryId: "no-such-category", name: "Renamed" },
  },
  {
    path: "admin.categories.delete",
    who: "staff",
    mutation: true,
    input: { categoryId: "no-such-category" },
  },
];
