import "server-only";
import { fieldErrorsOf } from "@bazaar/api";
import { TRPCError } from "@trpc/server";

/** One value of a page's search parameter, trimmed; blank is none. */
export function param(value: string | string[] | undefined): string | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  return text;
}

export type TableRead<T> = { data: T; refused: null } | { data: null; refused: Record<string, string[]> };

/**
 * Read a table for a page whose filters and cursor come from the URL. A URL the procedure refuses
 * (a hand-edited cursor, a date like 2026-13-01) is a 400 naming the fields, which the page shows
 * beside its filter form instead of failing; anything else is thrown as usual.
 */
export async function readTable<T>(read: () => Promise<T>): Promise<TableRead<T>> {
  try {
    return { data: await read(), refused: null };
  } catch (error) {
    const fields = error instanceof TRPCError && error.code === "BAD_REQUEST" ? fieldErrorsOf(error) : null;
    if (!fields) throw error;
    return { data: null, refused: fields };
  }
}
