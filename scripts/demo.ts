// `npm run demo`: the whole CLI against a fake Sentry on 127.0.0.1, no account or network.
// Starts the fake seeded with test/fixtures/orgs/demo-org.json, then runs
// validate, plan, apply --yes and plan again on roster.example.yaml, printing each step.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startFakeSentry } from "../test/fakes/fake-sentry.js";

// run-ts.mjs bundles this file elsewhere and sets argv[1] to scripts/demo.ts.
const ROOT = resolve(process.argv[1] ?? "scripts/demo.ts", "../..");
const SEED = join(ROOT, "test/fixtures/orgs/demo-org.json");
const ROSTER = "roster.example.yaml";
/** The example org's owner token: a fake value the fake server accepts, never a real one. */
const DEMO_TOKEN = "sntryu_demo_owner_token_0123456789abcdef";

interface Step {
  readonly title: string;
  readonly args: readonly string[];
  /** Exit codes that mean the step behaved. */
  readonly expect: readonly number[];
  readonly check?: (stdout: string) => string | undefined;
}

/** Runs the CLI without blocking this process: the fake server lives in it. */
function runCli(cli: string, args: readonly string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolvePromise({ status, stdout, stderr }));
  });
}

const work = mkdtempSync(join(tmpdir(), "sentry-roster-demo-"));
const steps: readonly Step[] = [
  { title: "Validate the roster (offline)", args: ["validate", ROSTER], expect: [0] },
  { title: "Plan: what apply would change (exit 2 = there are changes)", args: ["plan", ROSTER, "--detailed-exitcode"], expect: [2] },
  {
    title: "Apply it",
    args: ["apply", ROSTER, "--yes", "--snapshot", join(work, "snapshot.json")],
    expect: [0],
    check: (stdout) => (stdout.includes("Converged") ? undefined : "apply did not report convergence"),
  },
  { title: "Plan again: nothing left to do (exit 0)", args: ["plan", ROSTER, "--detailed-exitcode"], expect: [0] },
];

// Build the CLI from the sources into a private folder, so the demo shows this checkout.
const cliDir = join(ROOT, "node_modules/.cache/demo-dist");
execFileSync(process.execPath, [join(ROOT, "scripts/build.mjs"), cliDir], { cwd: ROOT, stdio: "inherit" });
const cli = join(cliDir, "cli.js");

const fake = await startFakeSentry(SEED);
const rule = "─".repeat(72);
let failed = 0;
console.log(`Fake Sentry for organization "acme" at ${fake.url} (seed ${SEED.slice(ROOT.length + 1)})`);
try {
  for (const [index, step] of steps.entries()) {
    console.log(`\n${rule}\n${index + 1}/${steps.length}  ${step.title}\n$ sentry-roster ${step.args.join(" ")}\n${rule}`);
    const run = await runCli(cli, step.args, { PATH: process.env["PATH"] ?? "", SENTRY_AUTH_TOKEN: DEMO_TOKEN, SENTRY_URL: fake.url });
    process.stdout.write(run.stdout);
    if (run.stderr) process.stdout.write(run.stderr.replace(/^(?=.)/gm, "stderr| "));
    const problem = !step.expect.includes(run.status ?? -1)
      ? `exit ${run.status}, expected ${step.expect.join(" or ")}`
      : step.check?.(run.stdout);
    console.log(`→ exit ${run.status}${problem ? `  ✗ ${problem}` : "  ✓"}`);
    if (problem) failed += 1;
  }
} finally {
  await fake.close();
}
const writes = fake.requests.filter((request) => request.method !== "GET").length;
console.log(`\n${rule}\n${failed === 0 ? "Demo passed" : `Demo FAILED: ${failed} step(s) misbehaved`}: the fake served ${fake.requests.length} requests (${writes} writes).`);
process.exitCode = failed === 0 ? 0 : 1;
