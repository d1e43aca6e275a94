import { TRPCError } from "@trpc/server";

/** A 404 for something the caller named that does not exist. */
export function notFound(what: string): TRPCError {
  return new TRPCError({ code: "NOT_FOUND", message: `${what} was not found.` });
}
