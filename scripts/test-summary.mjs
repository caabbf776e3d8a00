// Prints the plain closing line "N passed, N failed" from vitest's JSON results.
// A failed check (lint, typecheck, check-dist: scripts/run-checks.mjs) with every test passing counts as one failure.
import { existsSync, readFileSync } from "node:fs";

const status = Number(process.argv[2] ?? 0);
const file = new URL("../.vitest-results.json", import.meta.url);
if (!existsSync(file)) {
  console.log(status === 0 ? "0 passed, 0 failed" : "0 passed, 1 failed");
  process.exit(0);
}
const results = JSON.parse(readFileSync(file, "utf8"));
const failedTests = results.numFailedTests + (results.numFailedTestSuites > 0 && results.numFailedTests === 0 ? 1 : 0);
const failed = failedTests + (status !== 0 && failedTests === 0 ? 1 : 0);
const skipped = results.numPendingTests + (results.numTodoTests ?? 0);
console.log(`${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
