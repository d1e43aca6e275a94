// The TypeScript types openapi-typescript generates from the REST v1 document: what an
// integration's client is built from. `pnpm --filter @bazaar/api openapi:types` writes them to
// generated/openapi.ts; a test fails when that file no longer matches the document.
import openapiTS, { astToString } from "openapi-typescript";

import { restV1Document } from "./document.ts";

/** The document is the same for every origin but its server URL; the types do not include it. */
const TYPES_ORIGIN = "http://localhost:3000";

export async function generateClientTypes(): Promise<string> {
  const document = restV1Document(TYPES_ORIGIN);
  const ast = await openapiTS(JSON.parse(JSON.stringify(document)) as Parameters<typeof openapiTS>[0]);
  return `// Generated from the REST v1 document by \`pnpm --filter @bazaar/api openapi:types\`; do not edit.\n${astToString(ast)}`;
}
