import type { OrgSeed, SeedFlags, SeedInviteRequest, SeedMember, SeedTeam, SeedToken } from "./seed.js";

/** Invites expire 30 days after they are sent or regenerated (F19). */
export const INVITE_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const DEFAULT_DATE = "2026-01-01T00:00:00.000Z";

export const FLAG_NAMES = [
  "idp:provisioned",
  "idp:role-restricted",
  "sso:linked",
  "sso:invalid",
  "member-limit:restricted",
  "partnership:restricted",
] as const;

/** Role priority (F63): billing below member; admin retired but ranked. */
export const ROLE_PRIORITY: Readonly<Record<string, number>> = {
  billing: -1,
  member: 0,
  admin: 1,
  manager: 2,
  owner: 3,
};

const MEMBER_SCOPES = [
  "org:read",
  "member:read",
  "member:invite",
  "team:read",
  "project:read",
  "project:releases",
  "event:read",
  "event:write",
  "alerts:read",
];
const ADMIN_SCOPES = [
  ...MEMBER_SCOPES,
  "team:write",
  "team:admin",
  "project:write",
  "project:admin",
  "event:admin",
  "alerts:write",
  "org:integrations",
];
const MANAGER_SCOPES = [...ADMIN_SCOPES, "org:write", "member:write", "member:admin"];
/** Scopes each org role grants (docs/sentry-behaviour.md S4, S5). */
export const ROLE_SCOPES: Readonly<Record<string, readonly string[]>> = {
  billing: ["org:billing"],
  member: MEMBER_SCOPES,
  admin: ADMIN_SCOPES,
  manager: MANAGER_SCOPES,
  owner: [...MANAGER_SCOPES, "org:admin", "org:billing"],
};

/** Mutable member row. */
export interface MemberRow {
  id: number;
  email: string;
  /** The row answers `email: null` (T32). */
  emailNull: boolean;
  /** Secondary emails of the account (accepted members only). */
  secondaryEmails: string[];
  role: string;
  pending: boolean;
  invitedAt: number;
  dateCreated: string;
  name: string | null;
  userId: string | null;
  has2fa: boolean;
  inviterName: string | null;
  inviterId: number | null;
  flags: Record<(typeof FLAG_NAMES)[number], boolean>;
  /** Team slug → stored team role. */
  teams: Map<string, "contributor" | "admin" | null>;
  inactive: boolean;
}

export interface TeamRow {
  id: string;
  slug: string;
  name: string;
  idpProvisioned: boolean;
  dateCreated: string;
}

/** The fake's whole mutable world. */
export interface World {
  org: {
    id: string;
    slug: string;
    name: string;
    features: Set<string>;
    openMembership: boolean;
    allowMemberInvite: boolean;
    require2FA: boolean;
    mode: "sentry.io" | "self-hosted";
  };
  teams: TeamRow[];
  members: MemberRow[];
  tokens: SeedToken[];
  inviteRequests: { id: string; email: string; inviterId: number | null }[];
  nextMemberId: number;
  nextTeamId: number;
}

function fullFlags(flags: SeedFlags | undefined): MemberRow["flags"] {
  return Object.fromEntries(FLAG_NAMES.map((name) => [name, flags?.[name] ?? false])) as MemberRow["flags"];
}

/** Builds the mutable world from a seed (deep copy). */
export function worldFromSeed(seed: OrgSeed): World {
  const members = seed.members.map((m: SeedMember): MemberRow => ({
    id: Number(m.id),
    email: m.email,
    emailNull: m.emailNull ?? false,
    secondaryEmails: [...(m.emails ?? [])],
    role: m.role,
    pending: m.pending ?? false,
    invitedAt: Date.parse(m.invitedAt ?? m.dateCreated ?? DEFAULT_DATE),
    dateCreated: m.dateCreated ?? DEFAULT_DATE,
    name: m.name ?? null,
    userId: m.pending ? null : (m.userId ?? String(1000 + Number(m.id))),
    has2fa: m.has2fa ?? true,
    inviterName: m.inviterName ?? null,
    inviterId: m.inviterId ? Number(m.inviterId) : null,
    flags: fullFlags(m.flags),
    teams: new Map(Object.entries(m.teams ?? {})),
    inactive: m.inactive ?? false,
  }));
  const teams = seed.teams.map((t: SeedTeam): TeamRow => ({
    id: t.id,
    slug: t.slug,
    name: t.name ?? t.slug,
    idpProvisioned: t.idpProvisioned ?? false,
    dateCreated: DEFAULT_DATE,
  }));
  return {
    org: {
      id: seed.organization.id,
      slug: seed.organization.slug,
      name: seed.organization.name ?? seed.organization.slug,
      features: new Set(seed.organization.features ?? ["team-roles", "invite-members"]),
      openMembership: seed.organization.openMembership ?? false,
      allowMemberInvite: seed.organization.allowMemberInvite ?? true,
      require2FA: seed.organization.require2FA ?? false,
      mode: seed.organization.mode ?? "sentry.io",
    },
    teams,
    members,
    tokens: seed.tokens.map((t) => ({ ...t, scopes: [...t.scopes] })),
    inviteRequests: (seed.inviteRequests ?? []).map((r: SeedInviteRequest) => ({
      id: r.id,
      email: r.email,
      inviterId: r.inviterId ? Number(r.inviterId) : null,
    })),
    nextMemberId: Math.max(0, ...members.map((m) => m.id)) + 1,
    nextTeamId: Math.max(0, ...teams.map((t) => Number(t.id) || 0)) + 1,
  };
}

/** The world as a seed again: what `FakeSentry.state()` returns. */
export function worldToSeed(world: World): OrgSeed {
  return {
    organization: {
      id: world.org.id,
      slug: world.org.slug,
      name: world.org.name,
      features: [...world.org.features].sort(),
      openMembership: world.org.openMembership,
      allowMemberInvite: world.org.allowMemberInvite,
      require2FA: world.org.require2FA,
      mode: world.org.mode,
    },
    teams: world.teams.map((t) => ({ id: t.id, slug: t.slug, name: t.name, idpProvisioned: t.idpProvisioned })),
    members: [...world.members]
      .sort((a, b) => a.id - b.id)
      .map((m) => ({
        id: String(m.id),
        email: m.email,
        ...(m.emailNull ? { emailNull: true } : {}),
        ...(m.secondaryEmails.length > 0 ? { emails: [...m.secondaryEmails] } : {}),
        role: m.role,
        pending: m.pending,
        invitedAt: new Date(m.invitedAt).toISOString(),
        dateCreated: m.dateCreated,
        ...(m.name !== null ? { name: m.name } : {}),
        ...(m.userId !== null ? { userId: m.userId } : {}),
        has2fa: m.has2fa,
        inviterName: m.inviterName,
        inviterId: m.inviterId === null ? null : String(m.inviterId),
        flags: { ...m.flags },
        teams: Object.fromEntries([...m.teams.entries()].sort(([a], [b]) => a.localeCompare(b))),
        ...(m.inactive ? { inactive: true } : {}),
      })),
    tokens: world.tokens.map((t) => ({ ...t })),
    inviteRequests: world.inviteRequests.map((r) => ({
      id: r.id,
      email: r.email,
      inviterId: r.inviterId === null ? null : String(r.inviterId),
    })),
  };
}

/** Roles the org offers, in Sentry's order (billing on sentry.io only). */
export function orgRoleIds(world: World): string[] {
  return world.org.mode === "sentry.io"
    ? ["billing", "member", "admin", "manager", "owner"]
    : ["member", "admin", "manager", "owner"];
}

export function hasTeamRoles(world: World): boolean {
  return world.org.features.has("team-roles");
}

/** Minimum team role an org role implies (F64). */
export function minimumTeamRole(role: string): "contributor" | "admin" {
  return role === "owner" || role === "manager" || role === "admin" ? "admin" : "contributor";
}

/**
 * An accepted member's account owns this address: primary or secondary, verified or not,
 * in any case (docs/sentry-behaviour.md E5, T8). Pending invites own nothing here.
 */
export function accountOwnsEmail(member: MemberRow, email: string): boolean {
  if (member.pending) return false;
  const wanted = email.toLowerCase();
  return [member.email, ...member.secondaryEmails].some((own) => own !== "" && own.toLowerCase() === wanted);
}

/** Owner and manager have global team access: E10/E12 decide by this role, not by the token's scopes. */
export function hasGlobalTeamAccess(role: string | null): boolean {
  return role === "owner" || role === "manager";
}

export function isExpired(member: MemberRow, now: number): boolean {
  return member.pending && now - member.invitedAt > INVITE_TTL_MS;
}

const ROLE_NAMES: Readonly<Record<string, string>> = {
  billing: "Billing",
  member: "Member",
  admin: "Admin",
  manager: "Manager",
  owner: "Owner",
};

/** `orgRoleList` (P2): `allowed` up to the caller's priority, only for member:admin callers (F34). */
export function orgRoleList(world: World, caller: { role: string | null; scopes: ReadonlySet<string> }) {
  const ceiling = caller.scopes.has("member:admin") && caller.role ? (ROLE_PRIORITY[caller.role] ?? -2) : -2;
  return orgRoleIds(world).map((id) => {
    const allowed = (ROLE_PRIORITY[id] ?? 99) <= ceiling;
    return {
      id,
      name: ROLE_NAMES[id] ?? id,
      desc: `${ROLE_NAMES[id] ?? id} role`,
      scopes: [...(ROLE_SCOPES[id] ?? [])],
      allowed,
      isAllowed: allowed,
      isRetired: id === "admin" && hasTeamRoles(world),
      isTeamRolesAllowed: id !== "billing",
      minimumTeamRole: minimumTeamRole(id),
      // Sentry sends both spellings.
      is_global: id === "manager" || id === "owner",
      isGlobal: id === "manager" || id === "owner",
    };
  });
}

/** `teamRoleList`. */
export function teamRoleList() {
  return [
    {
      id: "contributor",
      name: "Contributor",
      desc: "Contributor",
      scopes: ["team:read"],
      allowed: true,
      isAllowed: true,
      isRetired: false,
      isMinimumRoleFor: null,
    },
    {
      id: "admin",
      name: "Team Admin",
      desc: "Team Admin",
      scopes: ["team:read", "team:write", "team:admin"],
      allowed: true,
      isAllowed: true,
      isRetired: false,
      isMinimumRoleFor: "admin",
    },
  ];
}

function userJson(m: MemberRow, detailed: boolean) {
  return {
    // Only accepted members have a user, and they always have an id.
    id: m.userId ?? "",
    name: m.name ?? m.email,
    username: m.email,
    email: m.email,
    avatarUrl: null,
    isActive: true,
    hasPasswordAuth: true,
    isManaged: false,
    dateJoined: m.dateCreated,
    lastLogin: m.dateCreated,
    has2fa: m.has2fa,
    lastActive: m.dateCreated,
    isSuperuser: false,
    isStaff: false,
    experiments: {},
    avatar: { avatarType: "letter_avatar", avatarUuid: null, avatarUrl: null },
    isSuspended: false,
    ...(detailed
      ? {
          emails: [m.email, ...m.secondaryEmails].map((email, index) => ({
            id: `${m.userId ?? ""}${index === 0 ? "" : `-${index}`}`,
            email,
            is_verified: index === 0,
          })),
          authenticators: [],
          canReset2fa: false,
        }
      : {}),
  };
}

/** E1 item (F17, F18): exactly these keys, never `teams`. */
export function memberListItem(world: World, m: MemberRow, now: number) {
  const role = m.role;
  return {
    id: String(m.id),
    email: m.emailNull ? null : m.email,
    name: m.pending ? m.email : (m.name ?? m.email),
    user: m.pending ? null : userJson(m, false),
    orgRole: role,
    pending: m.pending,
    expired: isExpired(m, now),
    flags: { ...m.flags },
    dateCreated: m.dateCreated,
    inviteStatus: "approved",
    inviterName: m.inviterName,
    role,
    roleName: ROLE_NAMES[role] ?? role,
  };
}

/** E2 body (F32, F33): list item plus teams, teamRoles and role lists. */
export function memberDetails(
  world: World,
  m: MemberRow,
  now: number,
  caller: { role: string | null; scopes: ReadonlySet<string> },
) {
  const admin = caller.scopes.has("member:admin");
  const base = memberListItem(world, m, now);
  const teamSlugs = [...m.teams.keys()].filter((slug) => world.teams.some((t) => t.slug === slug)).sort();
  const owners = world.members.filter((o) => !o.pending && !o.inactive && o.role === "owner");
  const roles = orgRoleList(world, caller);
  return {
    ...base,
    user: m.pending ? (admin ? {} : null) : userJson(m, admin),
    teams: teamSlugs,
    teamRoles: teamSlugs.map((slug) => ({ teamSlug: slug, role: m.teams.get(slug) ?? null })),
    isOnlyOwner: m.role === "owner" && !m.pending && owners.length === 1,
    orgRoleList: roles,
    roles,
    teamRoleList: teamRoleList(),
  };
}

/** E9 item (F57). */
export function teamMemberItem(world: World, m: MemberRow, team: TeamRow, now: number) {
  return { ...memberListItem(world, m, now), teamRole: m.teams.get(team.slug) ?? null, teamSlug: team.slug };
}

/** Team JSON; caller fields describe the caller (F54). */
export function teamJson(
  world: World,
  team: TeamRow,
  caller: MemberRow | null,
  scopes: ReadonlySet<string>,
  detailed: boolean,
) {
  const memberCount = world.members.filter((m) => !m.inactive && m.teams.has(team.slug)).length;
  const isMember = caller ? caller.teams.has(team.slug) : false;
  return {
    id: team.id,
    slug: team.slug,
    name: team.name,
    dateCreated: team.dateCreated,
    isMember,
    teamRole: isMember && caller ? (caller.teams.get(team.slug) ?? null) : null,
    flags: { "idp:provisioned": team.idpProvisioned },
    access: [...scopes]
      .filter(
        (s) => s.startsWith("team:") || s.startsWith("project:") || s.startsWith("alerts:") || s.startsWith("event:"),
      )
      .sort(),
    hasAccess: true,
    isPending: false,
    memberCount,
    avatar: { avatarType: "letter_avatar", avatarUuid: null },
    ...(detailed ? { externalTeams: [], projects: [] } : {}),
  };
}

/** E11 answer: the stored team role, `null` at or below the minimum (F56). */
export function teamRoleAnswer(stored: "contributor" | "admin" | null) {
  return { isActive: true, teamRole: stored };
}

/**
 * E13 body (X2). Without `detailed=0` Sentry serializes every team and project of
 * the org; `features` comes only with `include_feature_flags=1` (docs/sentry-behaviour.md E13).
 */
export function orgDetails(
  world: World,
  caller: { role: string | null; scopes: ReadonlySet<string>; member: MemberRow | null },
  options: { detailed: boolean; featureFlags: boolean },
) {
  return {
    id: world.org.id,
    slug: world.org.slug,
    name: world.org.name,
    status: { id: "active", name: "active" },
    dateCreated: DEFAULT_DATE,
    isEarlyAdopter: false,
    require2FA: world.org.require2FA,
    avatar: { avatarType: "letter_avatar", avatarUuid: null, avatarUrl: null },
    links: {
      organizationUrl: `https://${world.org.slug}.sentry.io`,
      regionUrl: "https://us.sentry.io",
    },
    hasAuthProvider: false,
    allowMemberInvite: world.org.allowMemberInvite,
    allowMemberProjectCreation: true,
    allowSuperuserAccess: false,
    ...(options.featureFlags ? { features: [...world.org.features].sort() } : {}),
    openMembership: world.org.openMembership,
    defaultRole: "member",
    orgRole: caller.role,
    access: [...caller.scopes].sort(),
    orgRoleList: orgRoleList(world, caller),
    teamRoleList: teamRoleList(),
    ...(options.detailed
      ? {
          teams: [...world.teams]
            .sort((a, b) => a.slug.localeCompare(b.slug))
            .map((team) => teamJson(world, team, caller.member, caller.scopes, true)),
          projects: [],
        }
      : {}),
  };
}
