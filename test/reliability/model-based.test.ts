import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Plan } from "../../src/plan/plan.js";
import { describe, expect, test } from "../support/fixtures.js";
import { runCli } from "../support/run-dist.js";
import { brokenInvariants } from "./invariants.js";
import { runModelScenario } from "./model-run.js";
import { SCENARIO_TOKEN, randomScenario } from "./random-org.js";
import { assertNoLeaks, requestLogText } from "./secret-scan.js";
import { runSeed, seededRandom } from "./seeded-random.js";

/** Quick mode; run-full.ts runs 500 seeds. */
const QUICK_IN_PROCESS = 16;
const QUICK_THROUGH_DIST = 2;
const FIRST_SEED = runSeed(1);
const THROUGH_DIST_SEEDS = Array.from({ length: QUICK_THROUGH_DIST }, (_, i) => FIRST_SEED + 100 + i);

// Each seed has its own fake: the in-process run and the built-CLI seeds run concurrently.
describe.concurrent("model-based: random org and roster → plan → apply → plan again", () => {
  test(`converges with every invariant kept, ${QUICK_IN_PROCESS} seeds from ${FIRST_SEED} (in process, same commands as the CLI)`, async () => {
    const problems: string[] = [];
    let changes = 0;
    let refused = 0;
    for (let seed = FIRST_SEED; seed < FIRST_SEED + QUICK_IN_PROCESS; seed += 1) {
      const figures = await runModelScenario(seed);
      problems.push(...figures.problems);
      changes += figures.changes;
      if (figures.refused) refused += 1;
    }
    expect(problems, `replay one with REL_SEED=<seed>`).toEqual([]);
    // The generator really exercises apply: most runs change something, a few are refused.
    expect(changes).toBeGreaterThan(QUICK_IN_PROCESS * 3);
    expect(refused).toBeLessThan(QUICK_IN_PROCESS / 2);
  }, 120_000);

  test.for(THROUGH_DIST_SEEDS)("through the built CLI: converges in one apply with every invariant kept and no secret in any output, seed %i", { timeout: 120_000 }, async (seed, { startSentry }) => {
    const scenario = randomScenario(seededRandom(seed));
    const fake = await startSentry(scenario.org);
    const dir = mkdtempSync(join(tmpdir(), "model-"));
    const roster = join(dir, "roster.yaml");
    writeFileSync(roster, scenario.roster);
    const env = { SENTRY_AUTH_TOKEN: SCENARIO_TOKEN, SENTRY_URL: fake.url };
    const before = fake.state();
    const first = await runCli(["plan", roster, "--json"], { env });
    const plan = JSON.parse(first.stdout) as Plan;
    // plan exits 1 exactly when the plan would be refused.
    expect(first.code, `seed ${seed}: ${first.stderr}`).toBe(plan.violations.length > 0 ? 1 : 0);
    const apply = await runCli(["apply", roster, "--yes", "--json", "--snapshot", join(dir, "snapshot.json")], { env });
    const second = await runCli(["plan", roster, "--json", "--detailed-exitcode"], { env });
    const label = `seed ${seed}\n${apply.stdout}\n${apply.stderr}`;
    expect(brokenInvariants(scenario, before, fake.state(), fake.requests), label).toEqual([]);
    if (plan.violations.length > 0) {
      expect(apply.code, label).toBe(1);
      expect(fake.requests.filter((r) => r.method !== "GET"), label).toEqual([]);
    } else {
      expect(apply.code, label).toBe(0);
      expect(second.code, `${label}\n${second.stdout}`).toBe(0);
      expect((JSON.parse(second.stdout) as Plan).changes).toEqual([]);
    }
    const outputs = [first, apply, second].flatMap((run, i) => [
      { where: `run ${i} stdout`, text: run.stdout },
      { where: `run ${i} stderr`, text: run.stderr },
    ]);
    assertNoLeaks([...outputs, requestLogText("fake Sentry log", fake.requests)], { tokens: [SCENARIO_TOKEN] });
  });
});
