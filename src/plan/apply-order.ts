import { orgRolePriority } from "../domain/roles.js";
import type { ChangeWithoutId } from "./plan.js";

/**
 * The phases of an apply, in the order they run (docs/sentry-behaviour.md S8).
 * One order for both sides: computePlan lists changes in it, and the executor
 * (src/apply/order-changes.ts) runs them in it. Teams exist before anyone
 * joins them; new owners and managers exist before anyone loses a role;
 * people leave last. This keeps the owner count from dipping in the middle of
 * a run, and a run stopped early from leaving the org with fewer admins than
 * it started with. Team roles of a member who is also demoted are set after
 * the demotion: Sentry stores no team role at or below the org role's
 * minimum, so team admin set while they are still a manager would be lost
 * (docs/sentry-behaviour.md F56).
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
  "team-roles-after-demotion",
  "member-removals",
  "re-invites",
] as const;

/** One phase of APPLY_PHASES. */
export type ApplyPhase = (typeof APPLY_PHASES)[number];

/** Ids of the members whose org role goes down in these changes. */
export function demotedMembers(changes: readonly ChangeWithoutId[]): Set<string> {
  return new Set(
    changes.flatMap((change) => (change.action === "set-role" && orgRolePriority(change.to) < orgRolePriority(change.from) ? [change.memberId] : [])),
  );
}

/**
 * The phase a change runs in. A set-role is a promotion when it raises the
 * role's priority. `demoted` holds the member ids demoted in the same run
 * (demotedMembers()): their team additions and team-role changes wait for it.
 */
export function phaseOf(change: ChangeWithoutId, demoted: ReadonlySet<string> = new Set()): ApplyPhase {
  if ((change.action === "add-to-team" || change.action === "set-team-role") && demoted.has(change.memberId)) {
    return "team-roles-after-demotion";
  }
  switch (change.action) {
    case "create-team":
      return "create-teams";
    case "invite":
      // Sentry deletes the invites a removed member sent: those are sent again after the removals (T16).
      return change.afterRemovalOf === undefined ? "invites" : "re-invites";
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

/** A change's position among the phases: compare ranks to sort into apply order. */
export function phaseRank(change: ChangeWithoutId, demoted: ReadonlySet<string>): number {
  return APPLY_PHASES.indexOf(phaseOf(change, demoted));
}
