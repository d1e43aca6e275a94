import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["@bazaar/db/testing/global-setup"],
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  },
});
