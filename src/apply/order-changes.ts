import { orgRolePriority } from "../domain/roles.js";
import type { Change } from "../plan/plan.js";

/**
 * The phases of an apply, in the order they run (design.md, sentry-api.md §8).
 * Teams exist before anyone joins them; new owners and managers exist before
 * anyone loses a role; people leave last. This keeps the owner count from
 * dipping in the middle of a run, and a run stopped early from leaving the org
 * with fewer admins than it started with.
 */
export const APPLY_PHASES = [
  "create-teams",
  "invites",
  "new-owners",
  "promotions",
  "team-additions",
  "team-roles",
  "team-removals",
  "demotions",
  "member-removals",
] as const;

/** One phase of APPLY_PHASES. */
export type ApplyPhase = (typeof APPLY_PHASES)[number];

/** The phase a change runs in. A set-role is a promotion when it raises the role's priority. */
export function phaseOf(change: Change): ApplyPhase {
  switch (change.action) {
    case "create-team":
      return "create-teams";
    case "invite":
    case "reinvite":
      return "invites";
    case "set-role":
      if (orgRolePriority(change.to) < orgRolePriority(change.from)) return "demotions";
      return change.to === "owner" ? "new-owners" : "promotions";
    case "add-to-team":
      return "team-additions";
    case "set-team-role":
      return "team-roles";
    case "remove-from-team":
      return "team-removals";
    case "remove-member":
      return "member-removals";
  }
}

/**
 * Sorts changes into the safe order, keeping the given order inside a phase
 * (stable). computePlan already emits this order, but a plan read from a file
 * is not trusted to.
 */
export function orderChanges(changes: readonly Change[]): Change[] {
  const rank = (change: Change) => APPLY_PHASES.indexOf(phaseOf(change));
  return changes
    .map((change, index) => ({ change, index, rank: rank(change) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.change);
}

/** Splits ordered changes into consecutive phase groups, skipping empty phases. */
export function groupByPhase(changes: readonly Change[]): { readonly phase: ApplyPhase; readonly changes: readonly Change[] }[] {
  const ordered = orderChanges(changes);
  return APPLY_PHASES.map((phase) => ({ phase, changes: ordered.filter((change) => phaseOf(change) === phase) })).filter(
    (group) => group.changes.length > 0,
  );
}
