// "Download my data": the export procedure's answer as a file. POST only (the privacy page's form):
// the export is recorded in the audit log and must not happen because a link was prefetched.
import { createCaller, createContext } from "@bazaar/api";
import { TRPCError } from "@trpc/server";

import { getDb } from "~/server/db";

/**
 * A form post from another site is refused. The session cookie is SameSite=Lax, so such a post
 * would arrive signed out anyway; this is a second lock. Browsers say where a request comes from
 * in Sec-Fetch-Site, older ones in Origin; a request with neither (not from a browser) carries
 * only the cookies its sender already has.
 */
function fromThisSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" || site === "none";
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host; // "null" (an opaque origin) does not parse: refused
  } catch {
    return false;
  }
}

export async function POST(request: Request) {
  if (!fromThisSite(request)) return new Response("Forbidden", { status: 403 });
  let data;
  try {
    const context = await createContext({ db: getDb(), headers: request.headers, sessionKind: "COOKIE" });
    data = await createCaller(context).account.exportData();
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") {
      // Signed out meanwhile: sign in, then back to the privacy page.
      return new Response(null, {
        status: 303,
        headers: { location: "/sign-in?next=%2Faccount%2Fprivacy", "cache-control": "no-store" },
      });
    }
    throw error;
  }
  const day = new Date().toISOString().slice(0, 10);
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="bazaar-data-${day}.json"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
