import { normalizeEmail } from "../domain/identity.js";
import type { DesiredState, LiveState, OrgRole } from "../domain/types.js";
import type { ChangeWithoutId, Violation } from "./plan.js";
import { maxRemovalsViolation, maxRoleChangesViolation, minOwnersViolation } from "./safety.js";

/**
 * The rules that refuse a whole plan (docs/roster.md, "Refused plans"): the
 * roster is for another organization, a role the org does not offer, more
 * removals or role changes than the policy allows, too few owners listed.
 */
/** The roster names another organization than the one read: a plan for it would mean nothing. */
export function organizationMismatch(desired: DesiredState, live: LiveState): Violation | undefined {
  // A roster without `organization` leaves the choice to --org / SENTRY_ORG.
  if (desired.organization === "" || desired.organization.toLowerCase() === live.organization.toLowerCase()) return undefined;
  return {
    rule: "organization-mismatch",
    message: `The roster is for organization "${desired.organization}" but the plan read "${live.organization}". Fix organization in the roster.`,
  };
}

export function planViolations(desired: DesiredState, live: LiveState, changes: readonly ChangeWithoutId[]): Violation[] {
  const violations: Violation[] = [];
  const mismatch = organizationMismatch(desired, live);
  if (mismatch) violations.push(mismatch);
  for (const change of changes) {
    if (change.action !== "invite" && change.action !== "set-role") continue;
    const role = change.action === "invite" ? change.role : change.to;
    if (!offers(live, role)) {
      violations.push({
        rule: "role-not-offered",
        message: `${change.email}: organization "${live.organization}" does not offer the role "${role}"; it offers ${offeredRoles(live).join(", ")}. Pick one of those in the roster.`,
        email: normalizeEmail(change.email),
      });
    }
  }
  const count = (action: ChangeWithoutId["action"]) => changes.filter((change) => change.action === action).length;
  const removals = maxRemovalsViolation(count("remove-member"), desired.policy);
  if (removals) violations.push(removals);
  const roleChanges = maxRoleChangesViolation(count("set-role"), desired.policy);
  if (roleChanges) violations.push(roleChanges);
  const owners = minOwnersViolation(desired);
  if (owners) violations.push(owners);
  return violations;
}

/** Roles the org offers; `admin` is retired on orgs with team roles (docs/sentry-behaviour.md S4). */
function offeredRoles(live: LiveState): string[] {
  return live.orgRoles.filter((role) => !(role === "admin" && live.teamRolesEnabled));
}

function offers(live: LiveState, role: OrgRole): boolean {
  return live.orgRoles.length === 0 ? role !== "admin" || !live.teamRolesEnabled : offeredRoles(live).includes(role);
}
