// "Export CSV" on the orders table: the orders matching the table's filters, as a download that
// streams (100,000 orders never sit in memory) and is recorded in the audit log with the filters
// and the number of rows. Staff and admins only, checked here on the server like the pages:
// anyone else gets a 404, and a signed-out visitor is sent to sign in first.
import { createContext, exportOrdersCsv } from "@bazaar/api";
import { orderFiltersInput } from "@bazaar/validators";

import { getDb } from "~/server/db";

const notFound = () => new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });

export async function GET(request: Request) {
  // Started from another site (a link in a mail, a page elsewhere): not a download staff asked for.
  if (request.headers.get("sec-fetch-site") === "cross-site") return notFound();
  const context = await createContext({ db: getDb(), headers: request.headers, sessionKind: "COOKIE" });
  const url = new URL(request.url);
  if (!context.session) {
    const back = `/admin/orders${url.search}`;
    return new Response(null, {
      status: 303,
      headers: { location: `/sign-in?next=${encodeURIComponent(back)}`, "cache-control": "no-store" },
    });
  }
  if (context.session.user.role === "CUSTOMER") return notFound();

  // As the table's form sends them: a blank filter is no filter.
  const given = (name: string) => {
    const value = url.searchParams.get(name)?.trim();
    return value === "" ? undefined : value;
  };
  const filters = orderFiltersInput.safeParse({
    status: given("status"),
    from: given("from"),
    to: given("to"),
    q: given("q"),
  });
  if (!filters.success) {
    const problems = filters.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    return new Response(`These filters are not valid: ${problems.join("; ")}.\n`, {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  }

  const rows = exportOrdersCsv(context.db, filters.data, {
    actorId: context.session.user.id,
    meta: { ip: context.ip, userAgent: context.userAgent },
  });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await rows.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    // The download was stopped: end the reading (the export is audited as incomplete).
    async cancel() {
      await rows.return();
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="bazaar-orders-${day}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
