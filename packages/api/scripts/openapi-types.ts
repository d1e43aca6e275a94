// Regenerate src/rest/v1/generated/openapi.ts from the REST v1 document (after changing an
// endpoint's input or output); client.test.ts fails until it matches.
import { writeFile } from "node:fs/promises";

import { generateClientTypes } from "../src/rest/v1/client-types.ts";

const target = new URL("../src/rest/v1/generated/openapi.ts", import.meta.url);
await writeFile(target, await generateClientTypes());
console.log(`wrote ${target.pathname}`);
