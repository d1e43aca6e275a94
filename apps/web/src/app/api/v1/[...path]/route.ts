import { handleRestRequest } from "@bazaar/api";

import { getDb } from "~/server/db";

export const dynamic = "force-dynamic";

/** REST v1: every method goes to the handler, which answers unknown paths and methods itself. */
function handler(req: Request) {
  return handleRestRequest(req, { db: getDb() });
}

export {
  handler as GET,
  handler as POST,
  handler as PUT,
  handler as PATCH,
  handler as DELETE,
  handler as OPTIONS,
  handler as HEAD,
};
