import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["*.test.ts", "contract/**/*.test.ts", "scripts/**/*.test.ts"],
    // These tests build TypeScript programs (the app, the API's types, fixture routers): seconds each.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
