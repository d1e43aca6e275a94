import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["./src/testing/global-setup.ts"],
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
    // The script tests start real processes (and an embedded PostgreSQL): give them room.
    testTimeout: 60_000,
  },
});
