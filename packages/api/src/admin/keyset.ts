// Newest-first tables paged by (createdAt, id): the where-clause that resumes after a cursor, and
// the page cut from rows read with one extra (the extra says whether there is a next page).
import { encodeAdminCursor, type AdminCursor } from "@bazaar/validators";

/** Rows after the cursor in (createdAt desc, id desc) order. */
export const afterCursor = (cursor: AdminCursor | null | undefined) =>
  cursor ? { OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] } : {};

/** The page of `rows` (read with one extra) and the cursor of the next. */
export function keysetPage<T extends { id: string; createdAt: Date }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeAdminCursor({ at: last.createdAt, id: last.id }) : null,
  };
}
