// What `apply` returns, and whether it did all it planned: shared by the
// command, its confirmation step and the front ends that print it.
import type { RosterIssue } from "../domain/roster-issue.js";
import type { ApplyResult } from "../plan/outcome.js";
import type { Change, Plan, Violation } from "../plan/plan.js";
import type { RosterInvalidResult } from "./validate.js";

/**
 * The outcome of `apply`:
 * - roster-invalid: the roster has errors; Sentry was not contacted.
 * - refused: nothing was written. `reason` says why in one line: the plan
 *   breaks a policy rule (`violations`), the saved plan is another
 *   organization's, or the user did not confirm.
 * - applied: the writer ran (possibly zero changes). `result` has one outcome
 *   per planned change in apply order (not-reviewed changes are `skipped`);
 *   `leftOver` is what a plan recomputed from a fresh reading still wants
 *   (empty = converged), unless `recheckError` says the re-read failed.
 */
export type ApplyCommandResult =
  | RosterInvalidResult
  | {
      readonly kind: "refused";
      readonly organization: string;
      readonly reason: string;
      readonly violations: readonly Violation[];
      readonly notReviewed: readonly Change[];
      readonly plan: Plan;
      readonly issues: readonly RosterIssue[];
    }
  | {
      readonly kind: "applied";
      readonly organization: string;
      readonly plan: Plan;
      readonly result: ApplyResult;
      readonly leftOver: readonly Change[];
      /** Changes of the recomputed plan that nobody reviewed: listed, never applied. */
      readonly notReviewed: readonly Change[];
      /** Why convergence could not be checked, when the re-read failed. */
      readonly recheckError?: string;
      /** Where the live state was saved before the first write; absent when nothing was written. */
      readonly snapshotPath?: string;
      /** Apply was stopped (options.stop): the rest was not sent and the org not read again; run apply again to finish. */
      readonly interrupted?: true;
      readonly issues: readonly RosterIssue[];
    };


/** Whether an apply did all it planned: applied every change, nothing left over, and convergence confirmed. */
export function applyCommandSucceeded(result: ApplyCommandResult): boolean {
  if (result.kind !== "applied") return false;
  return (
    result.interrupted === undefined &&
    result.recheckError === undefined &&
    result.leftOver.length === 0 &&
    result.result.outcomes.every((outcome) => outcome.status === "applied")
  );
}
