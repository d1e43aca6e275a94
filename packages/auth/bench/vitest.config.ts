import { defineConfig } from "vitest/config";

// Benchmarks need no database: no global setup here.
export default defineConfig({
  test: { benchmark: { include: ["bench/**/*.bench.ts"] } },
});
