import type { Plan } from "./plan.js";

/**
 * Every way Sentry differs from the roster, counted by kind: what the roster
 * would change, what a safety rule holds back, and what the roster does not
 * manage but Sentry has (a member added by hand, a team it does not list).
 * The drift report's outputs and headline read it (docs/action.md#drift).
 */
export interface DriftCount {
  /** Changes the plan would make to bring Sentry back to the roster. */
  readonly changes: number;
  /** Changes the roster asks for that a safety rule holds back. */
  readonly heldBack: number;
  /** Live members (or pending invites) the roster neither lists nor ignores. */
  readonly unlistedMembers: number;
  /** Live teams the roster does not manage. */
  readonly unmanagedTeams: number;
  readonly total: number;
}

/** Counts the drift of a plan. */
export function countDrift(plan: Plan): DriftCount {
  const unlistedMembers = plan.drift.filter((entry) => entry.kind === "unlisted-member").length;
  const unmanagedTeams = plan.drift.length - unlistedMembers;
  const changes = plan.changes.length;
  const heldBack = plan.skipped.length;
  return { changes, heldBack, unlistedMembers, unmanagedTeams, total: changes + heldBack + unlistedMembers + unmanagedTeams };
}
