import { defineConfig } from "vitest/config";

// The exported app (`pnpm build`: dist/web and dist/android), checked after it is built.
export default defineConfig({ test: { include: ["bundles/**/*.test.ts"] } });
