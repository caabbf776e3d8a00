import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts", "scripts/**/*.test.ts"],
    // e2e tests run the built dist/: rebuild it once when the sources are newer.
    globalSetup: ["test/support/fresh-dist.ts"],
    // e2e tests spawn dist/ and loopback servers; 2 cores, so keep workers modest.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ["default", ["json", { outputFile: ".vitest-results.json" }]],
  },
});
