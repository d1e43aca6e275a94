import { docsPage } from "./swagger-ui";

/** The interactive API reference: Swagger UI over /api/v1/openapi.json, every file from this app. */
export function GET() {
  return new Response(docsPage(), {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "public, max-age=300",
      // Only this app's own scripts and styles; "Try it out" calls this origin.
      "content-security-policy":
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
  });
}
