import { fileURLToPath } from "node:url";

import type { NextConfig } from "next";

const config: NextConfig = {
  // The workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: [
    "@bazaar/api",
    "@bazaar/auth",
    "@bazaar/db",
    "@bazaar/mail",
    "@bazaar/media",
    "@bazaar/validators",
  ],
  // Native (Argon2) and Node-only modules load from node_modules at run time, not bundled.
  // swagger-ui-dist is read from its folder on disk (/api/docs), so it must stay a real package.
  serverExternalPackages: ["@node-rs/argon2", "ioredis", "nodemailer", "sharp", "swagger-ui-dist"],
  // Product pictures come from the app's own media route; next/image resizes them per screen and
  // serves WebP, caching the results under .next/cache/images.
  images: {
    localPatterns: [{ pathname: "/media/**", search: "" }],
    formats: ["image/webp"],
    minimumCacheTTL: 3600,
  },
  poweredByHeader: false,
  // Cached catalog reads live in each server's memory, checked against a tag clock (in Redis with
  // REDIS_URL): never on disk, where a restart would bring back what the database has changed.
  cacheHandler: fileURLToPath(new URL("./cache-handler.js", import.meta.url)),
  cacheMaxMemorySize: 0,
  typedRoutes: true,
  // `pnpm typecheck` checks the whole tree (tests included) as its own task; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
};

export default config;
