import { restV1Document } from "@bazaar/api";

import { appUrl } from "~/server/app-url";

/** The OpenAPI 3.1 document of REST v1, with the shop's own origin as its server. */
export function GET() {
  return Response.json(restV1Document(appUrl()), {
    headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  });
}
