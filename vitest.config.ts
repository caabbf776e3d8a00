import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts", "scripts/**/*.test.ts"],
    // e2e tests run the built dist/: rebuild it once when the sources are newer.
    globalSetup: ["test/support/fresh-dist.ts"],
    // e2e tests spawn dist/ and loopback servers; 2 cores, so keep workers modest.
    maxWorkers: 2,
    // Workers are reused across files: a fresh process per file cost a quarter of the suite's CPU.
    // Safe because no test mocks modules, stubs globals or changes process.env, and every test
    // closes the servers it starts (the fixtures in test/support/fixtures.ts do it for them).
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ["default", ["json", { outputFile: ".vitest-results.json" }]],
  },
});
