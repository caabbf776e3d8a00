/** Org roles Sentry knows (docs/sentry-behaviour.md S4). `billing` exists only on sentry.io; `admin` is retired on team-roles orgs. */
export type OrgRole = "member" | "admin" | "manager" | "owner" | "billing";
/** Team roles: `contributor` (the default) < `admin` ("Team Admin"). */
export type TeamRole = "contributor" | "admin";

/** The roster's safety rails (docs/roster.md#policy). Each defaults to refusing. */
export interface Policy {
  /** Live members missing from the roster are only reported unless this is "remove". */
  readonly unlisted: "report" | "remove";
  /** Refuse a plan that removes more members than this: guards against a truncated roster. */
  readonly maxRemovals: number;
  /** Refuse a plan that changes more org roles than this: guards against a bulk edit gone wrong. */
  readonly maxRoleChanges: number;
  /** "protect": never grant, change or remove the Owner role. */
  readonly owners: "protect" | "manage";
  /** Active owners left after the whole plan; pending invites do not count. */
  readonly minOwners: number;
}

/** Where a value stands in the roster file: 1-based line and column. */
export interface SourcePosition {
  readonly line: number;
  readonly col: number;
}

/** One person as the roster wants them. Emails are normalized (normalizeEmail). */
export interface DesiredMember {
  readonly email: string;
  /** Other addresses of the same person (normalized); an accepted member shown under one of them matches. */
  readonly aliases: readonly string[];
  readonly role: OrgRole;
  /** Team slug → wanted team role, for every team the member should be on. */
  readonly teams: Readonly<Record<string, TeamRole>>;
  /**
   * Team slugs whose role the roster states itself (map form); list-form teams
   * are contributor by default. The plan warns that an explicit contributor has
   * no effect on an owner, manager or admin. Undefined: every role counts as stated.
   */
  readonly explicitTeamRoles?: readonly string[];
  /** Where the member's entry starts in the roster, for annotations. */
  readonly position?: SourcePosition;
}

/** A team the roster manages. */
export interface DesiredTeam {
  readonly slug: string;
  /** Display name used when the team is created; defaults to the slug. */
  readonly name?: string;
  readonly position?: SourcePosition;
}

/** The roster as a value: normalized, defaults applied. */
export interface DesiredState {
  readonly organization: string;
  readonly policy: Policy;
  readonly teams: readonly DesiredTeam[];
  /** Normalized emails of live members the roster never touches or reports. */
  readonly ignore: readonly string[];
  readonly members: readonly DesiredMember[];
}

/** The six member flags Sentry sends (old servers send three; missing ones read as false). */
export interface MemberFlags {
  readonly idpProvisioned: boolean;
  readonly idpRoleRestricted: boolean;
  readonly ssoLinked: boolean;
  readonly ssoInvalid: boolean;
  readonly memberLimitRestricted: boolean;
  readonly partnershipRestricted: boolean;
}

/** One row of Sentry's member list: an accepted member or a pending invite. */
export interface LiveMember {
  /** Sentry's member id (an integer sent as a string). */
  readonly id: string;
  /** As Sentry shows it: the user's primary email, or the invited address for a pending invite. */
  readonly email: string;
  readonly name: string;
  /** Org role id as Sentry sent it; unknown roles are kept as-is. */
  readonly role: OrgRole | (string & {});
  readonly pending: boolean;
  readonly expired: boolean;
  readonly flags: MemberFlags;
  /**
   * Pending invites: the display name of who sent it (their name, or their
   * email without one), as Sentry lists it; the only link from an invite to
   * its sender. Absent when Sentry did not say.
   */
  readonly inviterName?: string | null;
  /**
   * Team slug → stored team role, for the teams whose memberships were read
   * (LiveState.teamsRead). `null` means "the minimum the org role implies".
   */
  readonly teams: Readonly<Record<string, TeamRole | null>>;
}

export interface LiveTeam {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  /** Managed by SCIM: Sentry refuses REST membership edits. */
  readonly idpProvisioned: boolean;
}

/** What the token itself is in the org (members/me/), used for `self` and `token-cannot`. */
export interface TokenIdentity {
  /** The token user's member id; null for tokens without a member (internal integrations). */
  readonly memberId: string | null;
  readonly email: string | null;
  readonly role: OrgRole | (string & {}) | null;
  /** Scopes the token carries, when Sentry said; null when unknown. */
  readonly scopes: readonly string[] | null;
}

/** One reading of the live org. */
export interface LiveState {
  readonly organization: string;
  /** Ordered by member id. */
  readonly members: readonly LiveMember[];
  /** Ordered by slug. */
  readonly teams: readonly LiveTeam[];
  /** Slugs of the teams whose member lists were read into LiveMember.teams. */
  readonly teamsRead: readonly string[];
  /** Role ids the org offers (orgRoleList), in Sentry's order. */
  readonly orgRoles: readonly string[];
  /** The org has the team-roles feature: team roles are stored, `admin` is retired. */
  readonly teamRolesEnabled: boolean;
  /** Open Membership: any member may join teams, so team adds are applied directly. */
  readonly openMembership: boolean;
  readonly token: TokenIdentity;
  /**
   * Roster addresses that matched no listed member, looked up with Sentry's
   * members search (which finds an account by any of its emails): normalized
   * address → the id of the accepted member it belongs to. Only hits are listed.
   */
  readonly accountEmails?: Readonly<Record<string, string>>;
}
