import type { OrgRole, TeamRole } from "../domain/types.js";

/**
 * The plan: what apply would do, computed from a roster and one reading of the
 * live org. This file mirrors the plan's JSON form (formatVersion 1) one
 * to one; it alone explains a plan file.
 */
export interface Plan {
  /** Version of the JSON form; readers refuse versions they do not know. */
  readonly formatVersion: 1;
  /** Slug of the Sentry organization the plan was computed for. */
  readonly organization: string;
  /** sha256 of the canonical list of changes (change-id.ts). */
  readonly digest: string;
  /** In apply order. Empty means "no changes", never "unknown". */
  readonly changes: readonly Change[];
  /** Wanted by the roster but held back by a rule; each says why. */
  readonly skipped: readonly SkippedChange[];
  /** What the live org has that the roster does not describe (changed by hand, unmanaged). */
  readonly drift: readonly Drift[];
  /** Things a reviewer should know that change nothing (e.g. a team role with no effect). */
  readonly warnings: readonly PlanWarning[];
  /** Any entry refuses the whole plan: nothing is applied. */
  readonly violations: readonly Violation[];
}

/** Invite a new person; team memberships are created, team roles follow once accepted. */
export interface InviteChange {
  readonly id: string;
  readonly action: "invite";
  readonly email: string;
  readonly role: OrgRole;
  /** Team slug → team role wanted; apply sets roles above the minimum right after the invite. */
  readonly teams: Readonly<Record<string, TeamRole>>;
  /**
   * Set when this invites again someone whose pending invite Sentry deletes
   * along with the member who sent it: that member's email. It runs after the
   * member removals (docs/roster.md, "Invites deleted by a removal").
   */
  readonly afterRemovalOf?: string;
}

/** Re-send an expired invite (new token, valid 30 days). */
export interface ReinviteChange {
  readonly id: string;
  readonly action: "reinvite";
  readonly email: string;
  readonly memberId: string;
}

/** Change a member's org role. */
export interface SetRoleChange {
  readonly id: string;
  readonly action: "set-role";
  readonly email: string;
  readonly memberId: string;
  readonly from: OrgRole;
  readonly to: OrgRole;
}

/** Add a member to a managed team, then set the team role if above the org role's minimum. */
export interface AddToTeamChange {
  readonly id: string;
  readonly action: "add-to-team";
  readonly email: string;
  readonly memberId: string;
  readonly team: string;
  readonly teamRole: TeamRole;
}

/** Change the stored team role of a member already on the team. */
export interface SetTeamRoleChange {
  readonly id: string;
  readonly action: "set-team-role";
  readonly email: string;
  readonly memberId: string;
  readonly team: string;
  readonly from: TeamRole;
  readonly to: TeamRole;
}

/** Take a member off a team. */
export interface RemoveFromTeamChange {
  readonly id: string;
  readonly action: "remove-from-team";
  readonly email: string;
  readonly memberId: string;
  readonly team: string;
}

/** Remove a member (or delete a pending invite) from the org. */
export interface RemoveMemberChange {
  readonly id: string;
  readonly action: "remove-member";
  readonly email: string;
  readonly memberId: string;
}

/** Create a team the roster lists and Sentry lacks. */
export interface CreateTeamChange {
  readonly id: string;
  readonly action: "create-team";
  readonly team: string;
  readonly name: string;
}

/** One change, identified by a hash of its content (change-id.ts). */
export type Change =
  | InviteChange
  | ReinviteChange
  | SetRoleChange
  | AddToTeamChange
  | SetTeamRoleChange
  | RemoveFromTeamChange
  | RemoveMemberChange
  | CreateTeamChange;

export type ChangeAction = Change["action"];

/** Removes a key from every member of a union (plain Omit would collapse it). */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A change before its id is computed. */
export type ChangeWithoutId = DistributiveOmit<Change, "id">;

/** Why a wanted change is held back (docs/roster.md#held-back-skipped-never-applied). */
export const SKIP_REASONS = [
  "owner-protected",
  "last-owner",
  "self",
  "idp-provisioned",
  "idp-role-restricted",
  "partnership-restricted",
  "token-cannot",
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** A change the roster wants that a rule holds back; it is never applied. */
export type SkippedChange = ChangeWithoutId & {
  readonly reason: SkipReason;
  /** Human explanation, naming the setting that would allow it when there is one. */
  readonly detail: string;
};

/** Something in the live org the roster does not describe. */
export type Drift =
  | {
      /** A live member the roster does not list (and `ignore` does not name). */
      readonly kind: "unlisted-member";
      readonly email: string;
      readonly memberId: string;
      readonly role: string;
      readonly pending: boolean;
    }
  | {
      /** A live team the roster does not list: never touched. */
      readonly kind: "unmanaged-team";
      readonly team: string;
    };

export interface PlanWarning {
  readonly message: string;
  /** The member the warning is about, when there is one (normalized email). */
  readonly email?: string;
  readonly team?: string;
}

/** Rules whose breach refuses the whole plan. */
export const VIOLATION_RULES = ["max-removals", "max-role-changes", "min-owners", "role-not-offered", "organization-mismatch"] as const;
export type ViolationRule = (typeof VIOLATION_RULES)[number];

export interface Violation {
  readonly rule: ViolationRule;
  /** Says what was found and the setting that would allow it. */
  readonly message: string;
  readonly email?: string;
}
