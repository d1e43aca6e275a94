import type { NextConfig } from "next";

const config: NextConfig = {
  // The workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ["@bazaar/api", "@bazaar/auth", "@bazaar/db", "@bazaar/mail", "@bazaar/validators"],
  // Native (Argon2) and Node-only modules load from node_modules at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "ioredis", "nodemailer"],
  poweredByHeader: false,
  typedRoutes: true,
  // `pnpm typecheck` checks the whole tree (tests included) as its own task; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
};

export default config;
