import { canManage, orgRolePriority } from "../domain/roles.js";
import type { DesiredState, LiveMember, LiveState, Policy, TokenIdentity } from "../domain/types.js";
import type { ChangeWithoutId, SkipReason, Violation } from "./plan.js";
import { missingScope } from "./token-scopes.js";

/** Scopes that let a token write members or teams; a token with none of them only reads. */
const WRITE_SCOPES: readonly string[] = ["member:admin", "member:write", "org:write", "org:admin", "team:write", "team:admin"];

/** What the safety rules look at besides the change itself. */
export interface SafetyContext {
  readonly policy: Policy;
  readonly token: TokenIdentity;
  /** Judge `token-cannot` from the token's role: only when the plan token can write (docs/security.md#sentry-tokens). */
  readonly judgeToken: boolean;
  readonly openMembership: boolean;
  /** Teams provisioned by the identity provider: Sentry refuses REST adds and removals (E10, E12). */
  readonly scimTeams: ReadonlySet<string>;
}

/** Why a change is held back, as data. */
export interface Hold {
  readonly reason: SkipReason;
  readonly detail: string;
}

/** Whether the token's scopes allow any write; unknown scopes count as yes, so the role is still judged. */
export function tokenCanWrite(token: TokenIdentity): boolean {
  return token.scopes === null || token.scopes.some((scope) => WRITE_SCOPES.includes(scope));
}

/** The safety context of one reading of the live org. */
export function safetyContext(desired: DesiredState, live: LiveState): SafetyContext {
  return {
    policy: desired.policy,
    token: live.token,
    judgeToken: live.token.role !== null && tokenCanWrite(live.token),
    openMembership: live.openMembership,
    scimTeams: new Set(live.teams.filter((team) => team.idpProvisioned).map((team) => team.slug)),
  };
}

/**
 * The first rule that holds a change back, or undefined when it may run.
 * `target` is the live member the change acts on (none for invites and team creation).
 * Order: self, owner-protected, the refusals Sentry always gives (idp-provisioned,
 * idp-role-restricted, partnership-restricted), token-cannot.
 */
export function holdFor(change: ChangeWithoutId, target: LiveMember | undefined, context: SafetyContext): Hold | undefined {
  return (
    selfHold(change, target, context) ??
    ownerHold(change, target, context) ??
    idpHold(change, target, context) ??
    partnershipHold(change, target) ??
    tokenHold(change, target, context)
  );
}

function selfHold(change: ChangeWithoutId, target: LiveMember | undefined, context: SafetyContext): Hold | undefined {
  if (!target || target.id !== context.token.memberId) return undefined;
  if (change.action === "set-role") {
    return {
      reason: "self",
      detail: `${target.email} owns the token sentry-roster uses, and Sentry does not let a user change their own role: change it with another owner's token`,
    };
  }
  if (change.action === "remove-member") {
    return {
      reason: "self",
      detail: `${target.email} owns the token sentry-roster uses; removing them would cut off the token: remove them by hand or list them in the roster`,
    };
  }
  return undefined;
}

function ownerHold(change: ChangeWithoutId, target: LiveMember | undefined, context: SafetyContext): Hold | undefined {
  if (context.policy.owners !== "protect") return undefined;
  const allow = "set policy.owners: manage in the roster to allow it";
  if (change.action === "invite" && change.role === "owner") {
    return { reason: "owner-protected", detail: `inviting as owner grants the Owner role; ${allow}` };
  }
  if (change.action === "set-role" && (change.from === "owner" || change.to === "owner")) {
    const what = change.to === "owner" ? "grants the Owner role" : "takes the Owner role away";
    return { reason: "owner-protected", detail: `this ${what}; ${allow}` };
  }
  if (change.action === "remove-member" && target?.role === "owner") {
    return { reason: "owner-protected", detail: `${target.email} is an owner; ${allow}` };
  }
  return undefined;
}

function idpHold(change: ChangeWithoutId, target: LiveMember | undefined, context: SafetyContext): Hold | undefined {
  if ((change.action === "add-to-team" || change.action === "remove-from-team") && context.scimTeams.has(change.team)) {
    // Sentry answers 403 to REST membership edits on a SCIM team; team roles stay allowed (E10, E12).
    const edit = change.action === "add-to-team" ? `add ${change.email} to` : `remove ${change.email} from`;
    return {
      reason: "idp-provisioned",
      detail: `team "${change.team}" is provisioned by your identity provider (SCIM) and Sentry refuses REST membership edits on it: ${edit} the team's group in the identity provider`,
    };
  }
  if (!target) return undefined;
  if (change.action === "remove-member" && target.flags.idpProvisioned) {
    return {
      reason: "idp-provisioned",
      detail: `${target.email} is provisioned by your identity provider (SCIM) and Sentry refuses to delete them: remove them in the identity provider`,
    };
  }
  if (change.action === "set-role" && target.flags.idpRoleRestricted) {
    return {
      reason: "idp-role-restricted",
      detail: `your identity provider sets ${target.email}'s role: change it there, or stop the provider from managing roles`,
    };
  }
  return undefined;
}

/** Sentry answers 403 to role changes and removals of a member an active partnership manages (E3, E4). */
function partnershipHold(change: ChangeWithoutId, target: LiveMember | undefined): Hold | undefined {
  if (!target?.flags.partnershipRestricted) return undefined;
  if (change.action !== "set-role" && change.action !== "remove-member") return undefined;
  const what = change.action === "set-role" ? "changes to their role" : "their removal";
  return {
    reason: "partnership-restricted",
    detail: `${target.email} is managed by an active partnership and Sentry refuses ${what} until the partnership ends: keep the roster as Sentry has them for now, or ask the partner to change it`,
  };
}

/** What the token may do, judged by its user's role, then by its own scopes when Sentry named them (E14). */
function tokenHold(change: ChangeWithoutId, target: LiveMember | undefined, context: SafetyContext): Hold | undefined {
  if (!context.judgeToken) return undefined;
  const hold = roleHold(change, target, context);
  if (hold) return hold;
  const missing = missingScope(change.action, context.token.scopes);
  return missing === undefined ? undefined : { reason: "token-cannot", detail: missing };
}

function roleHold(change: ChangeWithoutId, target: LiveMember | undefined, context: SafetyContext): Hold | undefined {
  const role = context.token.role ?? "none";
  const admin = role === "owner" || role === "manager";
  const cannot = (what: string, needs: string): Hold => ({
    reason: "token-cannot",
    detail: `the token belongs to a ${role}, who cannot ${what}: use a token of ${needs}`,
  });
  const ownerOrManager = "an owner or manager";
  switch (change.action) {
    case "invite":
      if (admin ? orgRolePriority(change.role) <= orgRolePriority(role) : change.role === "member" && role !== "billing") return undefined;
      return cannot(`invite a ${change.role}`, change.role === "owner" ? "an owner" : ownerOrManager);
    case "reinvite":
      return admin ? undefined : cannot("re-send an expired invite (it needs member:admin)", ownerOrManager);
    case "set-role":
      if (canManage(role, change.from, change.to)) return undefined;
      return cannot(`change a role from ${change.from} to ${change.to}`, admin ? "an owner" : change.from === "owner" || change.to === "owner" ? "an owner" : ownerOrManager);
    case "remove-member": {
      const targetRole = target?.role ?? "owner";
      if (admin && orgRolePriority(targetRole) <= orgRolePriority(role)) return undefined;
      return cannot(`remove a ${targetRole}`, admin ? "an owner" : ownerOrManager);
    }
    case "create-team":
      return admin || role === "admin" ? undefined : cannot("create teams (it needs team:write)", "an owner, manager or admin");
    case "add-to-team":
      if (admin || context.openMembership) return undefined;
      return cannot("add members to teams directly (Sentry files an access request instead)", `${ownerOrManager}, or turn on Open Membership`);
    case "set-team-role":
      return admin ? undefined : cannot("set team roles", ownerOrManager);
    case "remove-from-team":
      return admin || target?.id === context.token.memberId ? undefined : cannot("remove members from teams", ownerOrManager);
  }
}

/** One change that would lower the count of active owners (a demotion or removal of an active owner). */
export interface OwnerReduction {
  readonly change: ChangeWithoutId;
  readonly target: LiveMember;
}

/**
 * The `last-owner` rule: active owners (pending invites do not count) are
 * counted after the whole plan; reductions run in the given order while the
 * count stays at or above policy.minOwners, and the rest are held back.
 * Returns the held-back reductions with their detail.
 */
export function holdForLastOwner(
  activeOwnersAfterPromotions: number,
  reductions: readonly OwnerReduction[],
  minOwners: number,
): Map<ChangeWithoutId, Hold> {
  const held = new Map<ChangeWithoutId, Hold>();
  let owners = activeOwnersAfterPromotions;
  for (const reduction of reductions) {
    if (owners - 1 >= minOwners) {
      owners -= 1;
      continue;
    }
    held.set(reduction.change, {
      reason: "last-owner",
      detail: `it would leave ${owners - 1} active owner${owners - 1 === 1 ? "" : "s"} after the plan; policy.minOwners is ${minOwners}: keep another active owner in the roster, or lower policy.minOwners`,
    });
  }
  return held;
}

/** `max-removals`: more member removals than the policy allows refuses the plan (docs/roster.md#refused-plans-violations). */
export function maxRemovalsViolation(removals: number, policy: Policy): Violation | undefined {
  if (removals <= policy.maxRemovals) return undefined;
  return {
    rule: "max-removals",
    message: `The plan removes ${removals} member${removals === 1 ? "" : "s"}; policy.maxRemovals is ${policy.maxRemovals}. Raise it in the roster to allow this.`,
  };
}

/** `max-role-changes`: more org role changes than the policy allows refuses the plan, like max-removals. */
export function maxRoleChangesViolation(roleChanges: number, policy: Policy): Violation | undefined {
  if (roleChanges <= policy.maxRoleChanges) return undefined;
  return {
    rule: "max-role-changes",
    message: `The plan changes the org role of ${roleChanges} member${roleChanges === 1 ? "" : "s"}; policy.maxRoleChanges is ${policy.maxRoleChanges}. Raise it in the roster to allow this.`,
  };
}

/**
 * `min-owners`: under owners: manage the roster decides who is an owner, so a
 * roster listing fewer owners than policy.minOwners is refused. Under
 * owners: protect live owners are kept whatever the roster says.
 */
export function minOwnersViolation(desired: DesiredState): Violation | undefined {
  if (desired.policy.owners !== "manage") return undefined;
  const owners = desired.members.filter((member) => member.role === "owner").length;
  if (owners >= desired.policy.minOwners) return undefined;
  return {
    rule: "min-owners",
    message: `The roster lists ${owners} owner${owners === 1 ? "" : "s"}; policy.minOwners is ${desired.policy.minOwners}. List more owners, or lower policy.minOwners in the roster.`,
  };
}
