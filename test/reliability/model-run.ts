/**
 * One model-based run: a random org and roster → plan → apply → plan again,
 * in process against the fake Sentry. The second plan must have no changes
 * (skipped ones excepted), and every safety invariant must hold.
 */
import type { Change, Plan } from "../../src/plan/plan.js";
import { applyIn, planIn, startHarness, type FetchWrapper } from "./harness.js";
import { brokenInvariants } from "./invariants.js";
import { randomScenario, type Scenario } from "./random-org.js";
import { seededRandom } from "./seeded-random.js";
import type { FakeSentryOptions } from "../fakes/fake-sentry.js";

/** What one seeded run did, and what went wrong (empty `problems` = pass). */
export interface ModelRunFigures {
  readonly seed: number;
  readonly refused: boolean;
  readonly changes: number;
  readonly skipped: number;
  readonly actions: Readonly<Record<string, number>>;
  readonly problems: readonly string[];
}

/** A change in a few words, for failure messages. */
export function brief(change: Change): string {
  const who = "email" in change ? change.email : "";
  const what = change.action === "set-role" ? `${change.from}→${change.to}` : "team" in change ? change.team : "";
  return `${change.action} ${who} ${what}`.trim();
}

/** Runs scenario `seed` once, without faults. */
export async function runModelScenario(seed: number, options: { fake?: FakeSentryOptions; wrapFetch?: FetchWrapper } = {}): Promise<ModelRunFigures> {
  const scenario: Scenario = randomScenario(seededRandom(seed));
  const harness = await startHarness(scenario, options);
  try {
    const before = harness.fake.state();
    const first = await planIn(harness);
    const applied = await applyIn(harness);
    const second = await planIn(harness);
    const after = harness.fake.state();
    const problems = [...brokenInvariants(scenario, before, after, harness.fake.requests)];
    for (const error of [first.error, applied.error, second.error]) if (error) problems.push(`error: ${error}`);
    const plan: Plan | undefined = first.plan;
    const refused = applied.result?.kind === "refused";
    if (refused) {
      if (plan && plan.violations.length === 0) problems.push(`apply refused a plan without violations: ${applied.result?.kind === "refused" ? applied.result.reason : ""}`);
      const writes = harness.fake.requests.filter((request) => request.method !== "GET");
      if (writes.length > 0) problems.push(`refused, yet sent ${writes.length} writes`);
    } else {
      if (!applied.succeeded) problems.push(`apply did not succeed: ${describeOutcome(applied.result)}`);
      const left = second.plan?.changes ?? [];
      if (left.length > 0) problems.push(`second plan still has ${left.length} changes: ${left.map(brief).join("; ")}`);
    }
    const actions: Record<string, number> = {};
    for (const change of plan?.changes ?? []) actions[change.action] = (actions[change.action] ?? 0) + 1;
    for (const skip of plan?.skipped ?? []) actions[`skipped:${skip.reason}`] = (actions[`skipped:${skip.reason}`] ?? 0) + 1;
    return { seed, refused, changes: refused ? 0 : (plan?.changes.length ?? 0), skipped: plan?.skipped.length ?? 0, actions, problems: problems.map((p) => `seed ${seed}: ${p}`) };
  } finally {
    await harness.close();
  }
}

function describeOutcome(result: Awaited<ReturnType<typeof applyIn>>["result"]): string {
  if (!result) return "no result";
  if (result.kind !== "applied") return result.kind;
  const bad = result.result.outcomes.filter((outcome) => outcome.status !== "applied").map((outcome) => `${brief(outcome.change)}: ${outcome.status} ${outcome.message ?? ""}`);
  return [...bad, ...result.leftOver.map((change) => `left over ${brief(change)}`), result.recheckError ?? ""].filter(Boolean).join("; ").slice(0, 800);
}
