import type { Change, SkippedChange } from "./plan.js";

/** What happened to one change during apply. */
export const OUTCOME_STATUS = {
  Applied: "applied",
  Failed: "failed",
  /** Held back before apply (a skip reason) or not reviewed. */
  Skipped: "skipped",
  /** Never attempted: apply stopped before reaching it. */
  NotRun: "not-run",
} as const;
export type OutcomeStatus = (typeof OUTCOME_STATUS)[keyof typeof OUTCOME_STATUS];

export interface ChangeOutcome {
  readonly change: Change;
  readonly status: OutcomeStatus;
  /** For failed: Sentry's message or our reason; for not-run: why apply stopped; for applied: notes such as "already on the team". */
  readonly message?: string;
}

/** The result of one apply run: every planned change exactly once, in apply order. */
export interface ApplyResult {
  readonly outcomes: readonly ChangeOutcome[];
  /** Changes held back by a rule, reported beside the outcomes. */
  readonly skipped: readonly SkippedChange[];
  /** Why apply stopped early, when it did. */
  readonly stoppedBecause?: string;
}

/** Counts per status, for summaries and outputs. */
export function countOutcomes(result: ApplyResult): Record<OutcomeStatus, number> {
  const counts: Record<OutcomeStatus, number> = { applied: 0, failed: 0, skipped: 0, "not-run": 0 };
  for (const outcome of result.outcomes) counts[outcome.status] += 1;
  return counts;
}
