import type { OrgRole, TeamRole } from "./types.js";

/** Every org role sentry-roster understands, lowest first. */
export const ORG_ROLES = ["billing", "member", "admin", "manager", "owner"] as const satisfies readonly OrgRole[];
/** Team roles, lowest first. */
export const TEAM_ROLES = ["contributor", "admin"] as const satisfies readonly TeamRole[];

/** Priority of each org role (docs/sentry-behaviour.md S4); billing sits below member. */
const ORG_ROLE_PRIORITY: Readonly<Record<OrgRole, number>> = { billing: -1, member: 0, admin: 1, manager: 2, owner: 3 };

export function isOrgRole(value: unknown): value is OrgRole {
  return typeof value === "string" && (ORG_ROLES as readonly string[]).includes(value);
}

export function isTeamRole(value: unknown): value is TeamRole {
  return typeof value === "string" && (TEAM_ROLES as readonly string[]).includes(value);
}

/** Priority of a role; unknown roles rank above owner so nothing assumes it may touch them. */
export function orgRolePriority(role: string): number {
  return isOrgRole(role) ? ORG_ROLE_PRIORITY[role] : Number.POSITIVE_INFINITY;
}

/** The team role an org role implies: owners, managers and admins are always team admins. */
export function minimumTeamRole(role: string): TeamRole {
  return role === "owner" || role === "manager" || role === "admin" ? "admin" : "contributor";
}

/** The effective team role: the higher of the stored role (null = contributor) and the org role's minimum. */
export function effectiveTeamRole(orgRole: string, stored: TeamRole | null): TeamRole {
  return stored === "admin" || minimumTeamRole(orgRole) === "admin" ? "admin" : "contributor";
}

/** `billing` has no team access: a billing member can be on no team. */
export function hasTeamAccess(role: string): boolean {
  return role !== "billing";
}

/**
 * Whether a caller with `callerRole` may assign `from → to` (docs/sentry-behaviour.md E3):
 * only owners and managers assign roles, and both roles must be at or below the caller's.
 */
export function canManage(callerRole: string | null, from: string, to: string): boolean {
  if (callerRole !== "owner" && callerRole !== "manager") return false;
  const ceiling = orgRolePriority(callerRole);
  return orgRolePriority(from) <= ceiling && orgRolePriority(to) <= ceiling;
}
