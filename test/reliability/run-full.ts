/**
 * The long reliability runs, outside `npm test`:
 *
 *   node scripts/run-ts.mjs test/reliability/run-full.ts [--only fuzz,cli,model,chaos,action,reads]
 *        [--fuzz 10000] [--cli 50] [--model 500] [--chaos 25] [--action 25] [--reads 200] [--seed N]
 *
 * Prints the figures docs/reliability.md reports, as Markdown, and exits 1
 * when any run failed (a crash, a lost change, a duplicate invite, a broken
 * invariant). Seeds are printed with every failure, so each one replays.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ensureDistBuilt } from "./built-cli.js";
import { ACTION_CHAOS_FAULTS, runActionChaos } from "./action-chaos.js";
import { CHAOS_FAULTS, ONE_RUN_FAULT, ONE_RUN_TARGET, chaosTotals, runChaos, type ChaosRunFigures } from "./chaos.js";
import { runModelScenario } from "./model-run.js";
import { exampleRoster, repoFile, runRosterCase } from "./roster-fuzz.js";
import { fixedHostileCases, mutateRoster, type FuzzCase } from "./roster-mutations.js";
import { READ_FAULTS, READ_ORG, runReadsUnderFaults } from "./read-budget.js";
import { seededRandom } from "./seeded-random.js";
import { finished, type CliRun } from "../support/run-dist.js";

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    fuzz: { type: "string", default: "10000" },
    cli: { type: "string", default: "50" },
    model: { type: "string", default: "500" },
    chaos: { type: "string", default: "25" },
    action: { type: "string", default: "25" },
    reads: { type: "string", default: "200" },
    seed: { type: "string", default: "20261123" },
  },
});
const seed = Number(values.seed);
const wanted = (part: string) => values.only === undefined || values.only.split(",").includes(part);
const failures: string[] = [];
const out = (line = "") => process.stdout.write(`${line}\n`);

function fuzzFull(count: number): void {
  const base = exampleRoster();
  const random = seededRandom(seed);
  const fixed = fixedHostileCases(base);
  let valid = 0;
  let slowest = { ms: 0, name: "" };
  let peakRss = 0;
  let peakHeap = 0;
  const started = performance.now();
  for (let i = 0; i < fixed.length + count; i += 1) {
    const fuzzCase = i < fixed.length ? fixed[i]! : mutateRoster(base, random, random.int(1, 6));
    const outcome = runRosterCase(fuzzCase);
    if (outcome.failure) failures.push(`fuzz seed ${seed} case ${i} (${fuzzCase.name}): ${outcome.failure}`);
    if (outcome.valid) valid += 1;
    if (outcome.ms > slowest.ms) slowest = { ms: outcome.ms, name: fuzzCase.name };
    const memory = process.memoryUsage();
    peakRss = Math.max(peakRss, memory.rss);
    peakHeap = Math.max(peakHeap, memory.heapUsed);
  }
  const total = fixed.length + count;
  out("### Roster loader fuzz (pure loader)");
  out();
  out("| cases | valid | invalid (clear issues) | crashes or unclear answers | slowest case | peak RSS | peak heap | wall time |");
  out("|---|---|---|---|---|---|---|---|");
  const crashes = failures.filter((f) => f.startsWith("fuzz ")).length;
  out(`| ${total} (seed ${seed}; ${fixed.length} fixed hostile cases) | ${valid} | ${total - valid - crashes} | ${crashes} | ${Math.round(slowest.ms)} ms (${slowest.name}) | ${Math.round(peakRss / 1e6)} MB | ${Math.round(peakHeap / 1e6)} MB | ${Math.round((performance.now() - started) / 1000)} s |`);
  out();
}

/** The built CLI, found from the repository (this file may run bundled, from node_modules/.cache). */
function runBuiltCli(args: string[]): Promise<CliRun> {
  return finished(spawn(process.execPath, [repoFile("dist/cli.js"), ...args], { env: { PATH: process.env["PATH"] ?? "" }, stdio: ["ignore", "pipe", "pipe"] }));
}

async function cliSample(count: number): Promise<void> {
  ensureDistBuilt();
  const base = exampleRoster();
  const random = seededRandom(seed + 1);
  const dir = mkdtempSync(join(tmpdir(), "fuzz-cli-"));
  const cases: FuzzCase[] = [...fixedHostileCases(base), ...Array.from({ length: count }, () => mutateRoster(base, random, random.int(1, 6)))];
  const codes = new Map<number, number>();
  let bad = 0;
  for (const [i, fuzzCase] of cases.entries()) {
    const file = join(dir, `case-${i}.yaml`);
    writeFileSync(file, fuzzCase.text, "latin1");
    const run = await runBuiltCli(["validate", file]);
    codes.set(run.code, (codes.get(run.code) ?? 0) + 1);
    const lines = run.stderr.trimEnd().split("\n").filter(Boolean);
    const clear = run.code === 0 ? / is valid: /.test(run.stdout) : lines.slice(0, -1).every((line) => line.startsWith(`${file}:`) || line.startsWith("  hint: ")) && /errors? .*in /.test(lines.at(-1) ?? "");
    if (![0, 1].includes(run.code) || /\n\s+at |node:internal|Warning:/.test(run.stderr) || !clear) {
      bad += 1;
      failures.push(`cli seed ${seed + 1} case ${i} (${fuzzCase.name}): exit ${run.code}: ${run.stderr.slice(0, 300)}`);
    }
  }
  out("### `sentry-roster validate` on mutated rosters (built CLI)");
  out();
  out("| files | exit 0 | exit 1 | other exits, stack traces or unclear output |");
  out("|---|---|---|---|");
  out(`| ${cases.length} (seed ${seed + 1}) | ${codes.get(0) ?? 0} | ${codes.get(1) ?? 0} | ${bad} |`);
  out();
}

async function modelFull(count: number): Promise<void> {
  const actions: Record<string, number> = {};
  let changes = 0;
  let refused = 0;
  let bad = 0;
  const started = performance.now();
  for (let s = 1; s <= count; s += 1) {
    const figures = await runModelScenario(s);
    if (figures.problems.length > 0) bad += 1;
    failures.push(...figures.problems);
    changes += figures.changes;
    if (figures.refused) refused += 1;
    for (const [action, n] of Object.entries(figures.actions)) actions[action] = (actions[action] ?? 0) + n;
  }
  out("### Model-based runs: random org and roster → plan → apply → plan again");
  out();
  out("| scenarios | refused by policy (no writes) | changes applied | runs with a broken invariant or a non-empty second plan | wall time |");
  out("|---|---|---|---|---|");
  out(`| ${count} (seeds 1–${count}) | ${refused} | ${changes} | ${bad} | ${Math.round((performance.now() - started) / 1000)} s |`);
  out();
  out(`Planned actions across the runs: ${Object.entries(actions).sort().map(([action, n]) => `${action} ${n}`).join(", ")}.`);
  out();
}

async function chaosFull(seeds: number, path: "apply" | "action"): Promise<void> {
  const figures: ChaosRunFigures[] = [];
  const started = performance.now();
  for (const fault of path === "apply" ? CHAOS_FAULTS : ACTION_CHAOS_FAULTS) {
    for (let s = 1001; s < 1001 + seeds; s += 1) {
      const run = path === "apply" ? await runChaos(fault, s) : await runActionChaos(fault, s);
      figures.push(run);
      failures.push(...run.problems);
    }
  }
  out(path === "apply" ? "### Chaos matrix on apply (CLI command path)" : "### Chaos matrix on the Action's merge path (mode: apply on push, reviewed sticky comment)");
  out();
  const hits = (n: number) => String(n);
  const share = (n: number, of: number) => `${of === 0 ? 0 : Math.floor((n / of) * 1000) / 10} %`;
  out("| fault | runs | changes attempted | requests hit by the fault | changes lost | duplicate invites | converged in the first run | runs that needed a re-run | runs not converged |");
  out("|---|---|---|---|---|---|---|---|---|");
  for (const t of chaosTotals(figures)) out(`| ${t.fault} | ${t.runs} | ${t.attempted} | ${hits(t.faultsHit)} | ${t.lost} | ${t.duplicateInvites} | ${share(t.firstRun, t.runs)} | ${t.reRuns} | ${t.notConverged} |`);
  const all = chaosTotals(figures).reduce((sum, t) => ({ runs: sum.runs + t.runs, attempted: sum.attempted + t.attempted, lost: sum.lost + t.lost, dup: sum.dup + t.duplicateInvites, first: sum.first + t.firstRun, reRuns: sum.reRuns + t.reRuns, nc: sum.nc + t.notConverged, hit: sum.hit + t.faultsHit }), { runs: 0, attempted: 0, lost: 0, dup: 0, first: 0, reRuns: 0, nc: 0, hit: 0 });
  out(`| **all** | ${all.runs} | ${all.attempted} | ${hits(all.hit)} | ${all.lost} | ${all.dup} | ${share(all.first, all.runs)} | ${all.reRuns} | ${all.nc} |`);
  out();
  for (const t of chaosTotals(figures)) if (t.reRunSeeds.length > 0) out(`- ${t.fault}: seeds that needed more than one run: ${t.reRunSeeds.join(", ")}`);
  const oneRun = chaosTotals(figures).find((t) => t.fault === ONE_RUN_FAULT);
  if (oneRun && oneRun.firstRun < ONE_RUN_TARGET * oneRun.runs) {
    failures.push(`${path}: ${ONE_RUN_FAULT}: ${share(oneRun.firstRun, oneRun.runs)} of seeds converged in the first run, under the ${ONE_RUN_TARGET * 100} % target (seeds ${oneRun.reRunSeeds.join(", ")})`);
  }
  out();
  out(`Seeds 1001–${1000 + seeds} per fault; wall time ${Math.round((performance.now() - started) / 1000)} s.`);
  out();
}

/** export and plan of a 1,000-member org at 20 % 5xx and 5 % resets: ≥ 99 % of seeds must succeed. */
async function readsFull(seeds: number): Promise<void> {
  const started = performance.now();
  let exportOk = 0;
  let planOk = 0;
  let faulted = 0;
  let requests = 0;
  let longestWait = 0;
  const failed: string[] = [];
  for (let s = 3001; s < 3001 + seeds; s += 1) {
    const run = await runReadsUnderFaults(s);
    if (!run.exportError) exportOk += 1;
    else failed.push(`reads seed ${s}: export: ${run.exportError}`);
    if (!run.planError) planOk += 1;
    else failed.push(`reads seed ${s}: plan: ${run.planError}`);
    faulted += run.faulted;
    requests += run.requests;
    longestWait = Math.max(longestWait, run.waitedMs);
  }
  out(`### Reads at ${READ_FAULTS.rate * 100} % faults (4/5 5xx, 1/5 resets, every attempt rolled afresh), ${READ_ORG.members} members × ${READ_ORG.teams} teams`);
  out();
  out("| seeds | export succeeded | plan succeeded | requests | requests hit | longest back-off per seed (virtual) | wall time |");
  out("|---|---|---|---|---|---|---|");
  out(`| ${seeds} (3001–${3000 + seeds}) | ${exportOk} | ${planOk} | ${requests} | ${faulted} | ${Math.round(longestWait / 100) / 10} s | ${Math.round((performance.now() - started) / 1000)} s |`);
  out();
  if (exportOk < 0.99 * seeds || planOk < 0.99 * seeds) failures.push(...failed);
}

if (wanted("reads")) await readsFull(Number(values.reads));
if (wanted("fuzz")) fuzzFull(Number(values.fuzz));
if (wanted("cli")) await cliSample(Number(values.cli));
if (wanted("model")) await modelFull(Number(values.model));
if (wanted("chaos")) await chaosFull(Number(values.chaos), "apply");
if (wanted("action")) await chaosFull(Number(values.action), "action");
if (failures.length > 0) {
  out(`### Failures (${failures.length})`);
  for (const failure of failures.slice(0, 50)) out(`- ${failure}`);
  process.exitCode = 1;
}
