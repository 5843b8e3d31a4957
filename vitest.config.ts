import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "e2e/**/*.test.ts"],
    environment: "node",
    // PGlite takes ~0.7 GB per instance and the machine has 2 cores: two files at a time.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { TZ: "UTC" },
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
