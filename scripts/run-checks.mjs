// npm test and npm run lint: runs the checks at the same time instead of one after another.
//
//   node scripts/run-checks.mjs lint   ESLint, the layer check, the citation check, the size check
//   node scripts/run-checks.mjs test   those, the type check, the dist/ check, and vitest alongside them
//
// Each check's output is held and printed whole once it is done (a failing one in full, under
// its name), so two failures never interleave; vitest's output is live. The exit code is the
// first failing step's, 0 when every step passed. Every step runs even when another fails.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The JavaScript file behind an installed package's command (run with this Node, no shell). */
function bin(pkg, name) {
  const dir = join(ROOT, "node_modules", pkg);
  const bins = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).bin;
  return join(dir, typeof bins === "string" ? bins : bins[name]);
}

// ESLint and tsc keep what they learned in .cache/ (git-ignored, and outside node_modules so npm ci
// keeps it): a second run re-checks only the files that changed, about 9 s of CPU less. ESLint's
// cache is keyed by file content and its configuration; tsc's by each file's text and the program.
const CACHE = join(ROOT, ".cache");
const LINT = [
  { name: "eslint", args: [bin("eslint", "eslint"), "--cache", "--cache-strategy", "content", "--cache-location", join(CACHE, "eslint/"), "."] },
  { name: "layers (dependency-cruiser)", args: [bin("dependency-cruiser", "depcruise"), "src", "--config", ".dependency-cruiser.cjs"] },
  { name: "citations", args: ["scripts/check-citations.mjs"] },
  { name: "size", args: ["scripts/check-size.mjs"] },
];
const TEST = [
  ...LINT,
  { name: "typecheck (tsc)", args: [bin("typescript", "tsc"), "--noEmit", "--incremental", "--tsBuildInfoFile", join(CACHE, "typecheck.tsbuildinfo")] },
  { name: "dist", args: ["scripts/check-dist.mjs"] },
];

/** Runs one check with its output captured; resolves with what it printed and how it ended. */
function runCaptured(check) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, check.args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk) => (output += chunk));
    child.on("error", (error) => resolve({ ...check, code: 1, output: `${output}${error.message}\n`, seconds: 0 }));
    child.on("close", (code, signal) =>
      resolve({ ...check, code: code ?? 1, signal, output, seconds: (performance.now() - started) / 1000 }),
    );
  });
}

/**
 * Runs vitest with its output on this terminal. The dist/ check runs alongside, so vitest's
 * global setup must not rebuild dist/ under it (test/support/fresh-dist.ts reads this variable).
 */
function runVitest(extraArgs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin("vitest", "vitest"), "run", ...extraArgs], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, SENTRY_ROSTER_DIST_CHECKED: "1" },
    });
    child.on("error", () => resolve(1));
    child.on("close", (code) => resolve(code ?? 1));
  });
}

const [mode = "test", ...vitestArgs] = process.argv.slice(2);
if (mode !== "lint" && mode !== "test") {
  console.error(`usage: node scripts/run-checks.mjs [lint|test] [vitest arguments]; got "${mode}"`);
  process.exit(2);
}
const checks = mode === "lint" ? LINT : TEST;
const vitest = mode === "test" ? runVitest(vitestArgs) : Promise.resolve(0);
const results = await Promise.all(checks.map(runCaptured));
const vitestCode = await vitest;

for (const result of results.filter((r) => r.code !== 0)) {
  const how = result.signal ? `killed by ${result.signal}` : `exit ${result.code}`;
  process.stdout.write(`\n── ${result.name} failed (${how}) ──\n${result.output.trimEnd()}\n`);
}
const line = results.map((r) => `${r.name} ${r.code === 0 ? "ok" : "FAILED"} ${r.seconds.toFixed(1)} s`).join(", ");
process.stdout.write(`\nchecks: ${line}\n`);
const failed = results.find((r) => r.code !== 0);
process.exit(failed ? failed.code || 1 : vitestCode);
