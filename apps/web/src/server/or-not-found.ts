import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";

/** A page for something that does not exist (or whose slug could never exist) is a 404 page. */
export async function orNotFound<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
}
