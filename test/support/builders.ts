import type {
  DesiredMember,
  DesiredState,
  DesiredTeam,
  LiveMember,
  LiveState,
  LiveTeam,
  MemberFlags,
  Policy,
  TokenIdentity,
} from "../../src/domain/types.js";
import { normalizeEmail } from "../../src/domain/identity.js";
import { planDigest, withId } from "../../src/plan/change-id.js";
import type { Change, ChangeWithoutId, Plan } from "../../src/plan/plan.js";

/** The policy defaults of docs/roster.md#policy. */
export const DEFAULT_POLICY: Policy = { unlisted: "report", maxRemovals: 5, maxRoleChanges: 10, owners: "protect", minOwners: 1 };

/** Every member flag off. */
export const NO_FLAGS: MemberFlags = {
  idpProvisioned: false,
  idpRoleRestricted: false,
  ssoLinked: false,
  ssoInvalid: false,
  memberLimitRestricted: false,
  partnershipRestricted: false,
};

/** The token's own member in builder-made orgs: an owner that is not in `members` unless a test puts it there. */
export const TOKEN_MEMBER_ID = "1000000";

/** A roster member: `member` role, no teams, unless overridden. */
export function aMember(email = "alice@example.com", overrides: Partial<DesiredMember> = {}): DesiredMember {
  return { email: normalizeEmail(email), aliases: [], role: "member", teams: {}, ...overrides };
}

/** A stable member id derived from the email, so builders need no counter. */
function idFor(email: string): string {
  let hash = 7;
  for (const char of normalizeEmail(email)) hash = (hash * 31 + char.charCodeAt(0)) % 900_000;
  return String(100_000 + hash);
}

/** A live, accepted `member` on no team, unless overridden. */
export function aLiveMember(
  email = "alice@example.com",
  overrides: Partial<Omit<LiveMember, "flags">> & { flags?: Partial<MemberFlags> } = {},
): LiveMember {
  const { flags, ...rest } = overrides;
  return {
    id: idFor(email),
    email,
    name: email.split("@")[0] ?? email,
    role: "member",
    pending: false,
    expired: false,
    teams: {},
    ...rest,
    flags: { ...NO_FLAGS, ...flags },
  };
}

/** A live team. */
export function aTeam(slug = "backend", overrides: Partial<LiveTeam> = {}): LiveTeam {
  return { id: `t-${slug}`, slug, name: slug.charAt(0).toUpperCase() + slug.slice(1), idpProvisioned: false, ...overrides };
}

/** What `liveState` accepts: teams may be given as slugs. */
export type LiveStateInput = Partial<Omit<LiveState, "teams" | "token">> & {
  readonly teams?: readonly (LiveTeam | string)[];
  readonly token?: Partial<TokenIdentity>;
};

/**
 * A live org "acme" with team roles, an owner token and the given members.
 * Teams default to every team a member is on; all teams count as read.
 */
export function liveState(input: LiveStateInput = {}): LiveState {
  const members = [...(input.members ?? [])].sort((a, b) => Number(a.id) - Number(b.id));
  const teams = (input.teams ?? [...new Set(members.flatMap((member) => Object.keys(member.teams)))])
    .map((team) => (typeof team === "string" ? aTeam(team) : team))
    .sort((a, b) => a.slug.localeCompare(b.slug));
  return {
    organization: input.organization ?? "acme",
    members,
    teams,
    teamsRead: input.teamsRead ?? teams.map((team) => team.slug),
    orgRoles: input.orgRoles ?? ["member", "admin", "manager", "owner"],
    teamRolesEnabled: input.teamRolesEnabled ?? true,
    openMembership: input.openMembership ?? false,
    token: { memberId: TOKEN_MEMBER_ID, email: "roster-bot@example.com", role: "owner", scopes: null, ...input.token },
    ...(input.accountEmails ? { accountEmails: input.accountEmails } : {}),
  };
}

/** What `desiredState` accepts: teams may be slugs, policy partial. */
export interface DesiredStateInput {
  readonly organization?: string;
  readonly policy?: Partial<Policy>;
  readonly teams?: readonly (DesiredTeam | string)[];
  readonly ignore?: readonly string[];
  readonly members?: readonly DesiredMember[];
}

/** A roster for "acme" with default policy; teams default to every team a member is on. */
export function desiredState(input: DesiredStateInput = {}): DesiredState {
  const members = input.members ?? [];
  const teams = (input.teams ?? [...new Set(members.flatMap((member) => Object.keys(member.teams)))].sort()).map(
    (team): DesiredTeam => (typeof team === "string" ? { slug: team } : team),
  );
  return {
    organization: input.organization ?? "acme",
    policy: { ...DEFAULT_POLICY, ...input.policy },
    teams,
    ignore: (input.ignore ?? []).map(normalizeEmail),
    members,
  };
}

/** A plan holding the given changes (ids computed when missing) and an honest digest. */
export function planWith(changes: readonly (ChangeWithoutId | Change)[], extra: Partial<Omit<Plan, "changes" | "digest">> = {}): Plan {
  const withIds = changes.map((change) => ("id" in change ? change : withId(change)));
  return {
    formatVersion: 1,
    organization: "acme",
    skipped: [],
    drift: [],
    warnings: [],
    violations: [],
    ...extra,
    digest: planDigest(withIds),
    changes: withIds,
  };
}

/** A roster and org that produce every change kind, a skip, drift, warnings and a violation. */
export function everyChangeKind(): { desired: DesiredState; live: LiveState } {
  const desired = desiredState({
    members: [
      aMember("alice@example.com", { role: "manager", teams: { backend: "admin", frontend: "admin" } }),
      aMember("carol@example.com", { teams: { backend: "admin", design: "contributor" } }),
      aMember("dave@example.com"),
      aMember("gina@example.com", { teams: { frontend: "admin" } }),
      aMember("olga@example.com", { role: "member" }),
      aMember("bill@example.com", { role: "billing" }),
    ],
    teams: ["backend", { slug: "design", name: "Design" }, "frontend"],
    policy: { unlisted: "remove", maxRemovals: 0 },
  });
  const live = liveState({
    members: [
      aLiveMember("alice@example.com", { id: "11", teams: { frontend: null } }),
      aLiveMember("gina@example.com", { id: "17", teams: { frontend: null } }),
      aLiveMember("dave@example.com", { id: "12", pending: true, expired: true }),
      aLiveMember("olga@example.com", { id: "13", role: "owner" }),
      aLiveMember("erin@example.com", { id: "14", teams: { legacy: null } }),
      aLiveMember("bill@example.com", { id: "15", teams: { backend: "admin", legacy: null } }),
      aLiveMember("frank@example.com", { id: "16", role: "owner", pending: true }),
    ],
    teams: ["backend", "frontend", "legacy"],
    orgRoles: ["billing", "member", "manager", "owner"],
  });
  return { desired, live };
}
