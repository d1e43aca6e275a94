// Runs in the browser before any of the app's own code (Next's instrumentation-client hook).
import { z } from "zod";

// Zod compiles object schemas with `new Function` when it may. The pages' CSP allows no eval, and
// even Zod's probe for it is reported as a violation, so this must be set before the first schema
// parses anything, whichever chunk that is in.
z.config({ jitless: true });
