import { describe, expect, it } from "vitest";
import { ACTION_CHAOS_FAULTS, runActionChaos } from "./action-chaos.js";
import type { ChaosRunFigures } from "./chaos.js";
import { runSeed } from "./seeded-random.js";

/** Quick mode: every fault × 2 seeds on the merge path; run-full.ts runs × 10. */
const QUICK_SEEDS = 2;
const FIRST_SEED = runSeed(1002);

describe("chaos matrix on the Action's merge path (quick)", () => {
  it.each(ACTION_CHAOS_FAULTS.map((fault) => [fault.name, fault] as const))(
    "%s: the reviewed plan is applied in full by re-runs, nothing twice, no token or full email in any annotation, log line, summary or comment",
    async (_name, fault) => {
      const figures: ChaosRunFigures[] = [];
      for (let seed = FIRST_SEED; seed < FIRST_SEED + QUICK_SEEDS; seed += 1) figures.push(await runActionChaos(fault, seed));
      expect(figures.flatMap((f) => f.problems), "replay with REL_SEED").toEqual([]);
      expect(figures.every((f) => f.converged && f.lost === 0 && f.duplicateInvites === 0)).toBe(true);
      expect(figures.reduce((n, f) => n + f.attempted, 0)).toBeGreaterThan(0);
    },
    60_000,
  );
});
