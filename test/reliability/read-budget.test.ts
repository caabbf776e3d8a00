import { describe, expect, it } from "vitest";
import { READ_FAULTS, runReadsUnderFaults } from "./read-budget.js";
import { runSeed } from "./seeded-random.js";

/** Quick mode; run-full.ts runs 200 seeds (docs/reliability.md). */
const QUICK_SEEDS = 6;
const FIRST_SEED = runSeed(3001);

describe(`reads at ${READ_FAULTS.rate * 100} % faults (5xx and resets, each attempt rolled afresh)`, () => {
  it("export and plan of a 1,000-member org succeed for every seed", async () => {
    const failures: string[] = [];
    let faulted = 0;
    for (let seed = FIRST_SEED; seed < FIRST_SEED + QUICK_SEEDS; seed += 1) {
      const run = await runReadsUnderFaults(seed);
      faulted += run.faulted;
      if (run.exportError) failures.push(`seed ${seed}: export failed: ${run.exportError}`);
      if (run.planError) failures.push(`seed ${seed}: plan failed: ${run.planError}`);
    }
    expect(failures, "replay with REL_SEED").toEqual([]);
    expect(faulted).toBeGreaterThan(0);
  }, 60_000);
});
