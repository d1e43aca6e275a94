// Swagger UI for /api/docs, served by the app itself (no CDN): the package's prebuilt bundle and
// stylesheet, read from node_modules once per process, and a start-up script that points it at
// the OpenAPI document. No inline script, so the page's CSP can stay 'self'.
import "server-only";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

import swaggerUiPath from "swagger-ui-dist/absolute-path.js";

const DOCUMENT_URL = "/api/v1/openapi.json";

const START = `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: ${JSON.stringify(DOCUMENT_URL)},
    dom_id: "#swagger-ui",
    deepLinking: true,
    tryItOutEnabled: false,
    persistAuthorization: false,
  });
});
`;

export function docsPage(): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Bazaar REST API reference</title>
    <link rel="stylesheet" href="/api/docs/swagger-ui.css">
  </head>
  <body>
    <main id="swagger-ui"><noscript>The reference needs JavaScript; the document itself is at <a href="${DOCUMENT_URL}">${DOCUMENT_URL}</a>.</noscript></main>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/start.js"></script>
  </body>
</html>
`;
}

const FILES: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};
const loaded = new Map<string, Promise<string>>();

/** One of the page's files by name, or null for anything else (no path is taken from the URL). */
export async function docsAsset(name: string): Promise<{ body: string; type: string } | null> {
  if (name === "start.js") return { body: START, type: "text/javascript; charset=utf-8" };
  const type = FILES[name];
  if (!type) return null;
  let body = loaded.get(name);
  if (!body) {
    body = readFile(join(swaggerUiPath(), name), "utf8");
    loaded.set(name, body);
  }
  return { body: await body, type };
}
