import { APPLY_PHASES, demotedMembers, phaseOf, type ApplyPhase } from "../plan/apply-order.js";
import type { Change } from "../plan/plan.js";

export { APPLY_PHASES, demotedMembers, phaseOf, type ApplyPhase };

/**
 * Sorts changes into the safe order of src/plan/apply-order.ts, keeping the
 * given order inside a phase (stable). computePlan already emits this order,
 * but a plan read from a file is not trusted to.
 */
export function orderChanges(changes: readonly Change[]): Change[] {
  const demoted = demotedMembers(changes);
  const rank = (change: Change) => APPLY_PHASES.indexOf(phaseOf(change, demoted));
  return changes
    .map((change, index) => ({ change, index, rank: rank(change) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.change);
}

/** Splits ordered changes into consecutive phase groups, skipping empty phases. */
export function groupByPhase(changes: readonly Change[]): { readonly phase: ApplyPhase; readonly changes: readonly Change[] }[] {
  const ordered = orderChanges(changes);
  const demoted = demotedMembers(changes);
  return APPLY_PHASES.map((phase) => ({ phase, changes: ordered.filter((change) => phaseOf(change, demoted) === phase) })).filter(
    (group) => group.changes.length > 0,
  );
}
