// The typed client: every procedure's input and output come from the API's router type. The
// import is type-only, so no server code reaches the app's bundle.
import type { AppRouter } from "@bazaar/api";
import { createTRPCReact } from "@trpc/react-query";

/** Hooks for screens: `trpc.catalog.products.useInfiniteQuery(...)`. */
export const trpc = createTRPCReact<AppRouter>();
