import { randomBytes } from "node:crypto";
import {
  type MemberRow,
  type TeamRow,
  type World,
  ROLE_PRIORITY,
  ROLE_SCOPES,
  accountOwnsEmail,
  hasGlobalTeamAccess,
  hasTeamRoles,
  isExpired,
  memberDetails,
  memberListItem,
  minimumTeamRole,
  orgDetails,
  orgRoleIds,
  teamJson,
  teamRoleAnswer,
  teamMemberItem,
} from "./model.js";
import { paginateRows } from "./pagination.js";
import type { SeedToken } from "./seed.js";

/** Who is calling: the token, its member (user tokens) and its effective scopes (F05). */
export interface Caller {
  readonly token: SeedToken;
  readonly member: MemberRow | null;
  readonly role: string | null;
  readonly scopes: ReadonlySet<string>;
}

/** Switches for older server behaviour and optional limits. */
export interface FakeSwitches {
  /** F21: invites read `role` only (servers before Aug 2025). */
  readonly inviteReadsRoleOnly?: boolean;
  /** F49: the pre-Aug-2025 "only remaining owner" text. */
  readonly legacyLastOwnerText?: boolean;
  /** F43: `idp:role-restricted` blocks role changes with 403. */
  readonly idpRoleRestrictedBlocks?: boolean;
  /** F30: invite caps 10/email/org, 100/user, 100/org per day. */
  readonly inviteCaps?: boolean;
  /** E14: the API root answers 404, as a server (or regional host) that does not serve it. */
  readonly noApiRoot?: boolean;
}

/** One request as the handlers see it. */
export interface HandlerContext {
  readonly world: World;
  readonly now: number;
  readonly caller: Caller;
  readonly method: string;
  /** Path segments after /api/0/. */
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  readonly body: unknown;
  /** Absolute URL of the request path, for Link headers. */
  readonly linkBase: string;
  readonly switches: FakeSwitches;
  /** Invites sent so far today (F30), keyed "email:<org>:<email>", "user:<id>", "org". */
  readonly inviteCounts: Map<string, number>;
}

/** An answer: `body` undefined means an empty body. */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

const NOT_FOUND: Reply = { status: 404, body: { detail: "The requested resource does not exist" } };
const FORBIDDEN: Reply = { status: 403, body: { detail: "You do not have permission to perform this action." } };
const MORE_ACCESS = "You cannot remove a member who has more access than you.";
const NO_EDIT = "You do not have permission to edit that user's membership.";
const BILLING_TEAMS = "The user with a 'billing' role cannot have team-level permissions.";
const PARTNERSHIP =
  "This member is managed by an active partnership and cannot be modified until the end of the partnership.";
const INVITE_CAP = "You are being rate limited for too many invitations.";
const INVITE_CAP_LIMIT = { email: 10, user: 100, org: 100 } as const;

function detail(status: number, text: string): Reply {
  return { status, body: { detail: text } };
}

/** F08: the 500 Sentry answers for an unhandled server error. */
export function internalError(): Reply {
  return { status: 500, body: { detail: "Internal Error", errorId: randomBytes(16).toString("hex") } };
}

function hasAny(caller: Caller, scopes: readonly string[]): boolean {
  return scopes.some((s) => caller.scopes.has(s));
}

/** F05/F06: the method's scopes, and a user token must be a member of the org. */
function allowed(caller: Caller, scopes: readonly string[]): boolean {
  if (caller.token.kind === "user" && !caller.member) return false;
  return hasAny(caller, scopes);
}

function priority(role: string | null): number {
  return role === null ? -2 : (ROLE_PRIORITY[role] ?? 99);
}

function findTeam(world: World, key: string): TeamRow | undefined {
  return world.teams.find((t) => t.slug === key || t.id === key);
}

/** F03: an integer id or `me`; hidden rows are 404 like any other. */
function findMember(ctx: HandlerContext, key: string): MemberRow | undefined {
  if (key === "me") return ctx.caller.member ?? undefined;
  if (!/^\d+$/.test(key)) return undefined;
  return ctx.world.members.find((m) => m.id === Number(key) && !m.inactive);
}

function visibleMembers(world: World): MemberRow[] {
  return world.members.filter((m) => !m.inactive).sort((a, b) => a.id - b.id);
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** One page of `rows`, each turned into JSON by `toJson` after slicing, so a page costs its own rows, not the org's. */
function page<T>(rows: readonly T[], ctx: HandlerContext, toJson: (row: T) => unknown = (row) => row): Reply {
  const result = paginateRows(rows, ctx.query, ctx.linkBase);
  if (!result.ok) return detail(400, result.detail);
  return { status: 200, body: result.rows.map(toJson), headers: { Link: result.link } };
}

/** Routes one authenticated request under /api/0/ (F01). */
export function handle(ctx: HandlerContext): Reply {
  const [root, orgKey, kind, id, sub, teamKey, extra] = ctx.segments;
  const { world } = ctx;
  if (root === undefined && ctx.method === "GET" && !ctx.switches.noApiRoot) return apiRoot(ctx);
  const orgMatches = orgKey === world.org.slug || orgKey === world.org.id;
  if (root === "organizations" && orgKey !== undefined) {
    if (!orgMatches) return NOT_FOUND;
    if (kind === undefined)
      return ctx.method === "GET" ? getOrg(ctx) : detail(405, `Method "${ctx.method}" not allowed.`);
    if (kind === "members" && id === undefined) {
      if (ctx.method === "GET") return listMembers(ctx);
      if (ctx.method === "POST") return invite(ctx);
    }
    if (kind === "members" && id !== undefined && sub === undefined) {
      if (ctx.method === "GET") return getMember(ctx, id);
      if (ctx.method === "PUT") return putMember(ctx, id);
      if (ctx.method === "DELETE") return deleteMember(ctx, id);
    }
    if (kind === "members" && id !== undefined && sub === "teams" && teamKey !== undefined && extra === undefined) {
      if (ctx.method === "POST") return addToTeam(ctx, id, teamKey);
      if (ctx.method === "PUT") return setTeamRole(ctx, id, teamKey);
      if (ctx.method === "DELETE") return removeFromTeam(ctx, id, teamKey);
    }
    if (kind === "teams" && id === undefined) {
      if (ctx.method === "GET") return listTeams(ctx);
      if (ctx.method === "POST") return createTeam(ctx);
    }
    return NOT_FOUND;
  }
  if (root === "teams" && orgKey !== undefined && kind !== undefined && id === "members" && sub === undefined) {
    if (!orgMatches) return NOT_FOUND;
    if (ctx.method === "GET") return listTeamMembers(ctx, kind);
  }
  return NOT_FOUND;
}

/** E14: the token's own scopes (not narrowed by the role) and its user. */
function apiRoot(ctx: HandlerContext): Reply {
  const { caller } = ctx;
  const user = caller.member
    ? { id: caller.member.userId, email: caller.member.email, username: caller.member.email, name: caller.member.name ?? caller.member.email }
    : null;
  return { status: 200, body: { version: "0", auth: { scopes: [...caller.token.scopes] }, user } };
}

function getOrg(ctx: HandlerContext): Reply {
  if (!allowed(ctx.caller, ["org:read", "org:write", "org:admin"])) return FORBIDDEN;
  const options = {
    detailed: ctx.query.get("detailed") !== "0",
    featureFlags: ctx.query.get("include_feature_flags") === "1",
  };
  return { status: 200, body: orgDetails(ctx.world, ctx.caller, options) };
}

const MEMBER_QUERY_KEYS = new Set([
  "email",
  "id",
  "user.id",
  "role",
  "scope",
  "isInvited",
  "ssoLinked",
  "has2fa",
  "hasExternalUsers",
]);

/**
 * F15/F16: a subset of Sentry's member search; unknown keys match nothing.
 * Several values of one key are a list, any of which matches (`email:a email:b`);
 * different keys must all match (docs/sentry-behaviour.md T33).
 */
function memberFilter(query: string | null): ((m: MemberRow) => boolean) | "nothing" {
  if (!query?.trim()) return () => true;
  const byKey = new Map<string, string[]>();
  for (const term of query.trim().split(/\s+/)) {
    const colon = term.indexOf(":");
    const key = colon < 0 ? "query" : term.slice(0, colon);
    if (key !== "query" && !MEMBER_QUERY_KEYS.has(key)) return "nothing";
    byKey.set(key, [...(byKey.get(key) ?? []), colon < 0 ? term : term.slice(colon + 1)]);
  }
  const tests = [...byKey].map(([key, values]) => {
    const one = memberTest(key, values);
    return key === "query" ? one : (m: MemberRow) => values.some((value) => memberTest(key, [value])(m));
  });
  return (m) => tests.every((t) => t(m));
}

/** One key's test; free text ("query") joins its words like Sentry does. */
function memberTest(key: string, values: readonly string[]): (m: MemberRow) => boolean {
  const value = values[0] ?? "";
  switch (key) {
    case "query": {
      const needle = values.join(" ").toLowerCase();
      return (m) => m.email.toLowerCase().includes(needle) || (m.name ?? "").toLowerCase().includes(needle);
    }
    case "email":
      // Invites by their address as sent; accounts by any of their emails, any case (T8).
      return (m) => (m.pending ? m.email === value : accountOwnsEmail(m, value));
    case "id":
      return (m) => String(m.id) === value;
    case "user.id":
      return (m) => m.userId === value;
    case "role":
      return (m) => m.role === value;
    case "isInvited":
      return (m) => m.pending === (value === "true");
    case "has2fa":
      return (m) => !m.pending && m.has2fa === (value === "true");
    case "ssoLinked":
      return (m) => m.flags["sso:linked"] === (value === "true");
    case "scope":
      return (m) => (ROLE_SCOPES[m.role] ?? []).includes(value);
    default:
      // Seeds have no external users (SCIM/Slack links): hasExternalUsers.
      return () => value !== "true";
  }
}

function listMembers(ctx: HandlerContext): Reply {
  if (!allowed(ctx.caller, ["member:read", "member:write", "member:admin"])) return FORBIDDEN;
  const filter = memberFilter(ctx.query.get("query"));
  const rows = filter === "nothing" ? [] : visibleMembers(ctx.world).filter(filter);
  const expand = ctx.query.getAll("expand").includes("externalUsers");
  return page(rows, ctx, (m) => ({ ...memberListItem(ctx.world, m, ctx.now), ...(expand ? { externalUsers: [] } : {}) }));
}

function getMember(ctx: HandlerContext, key: string): Reply {
  if (!allowed(ctx.caller, ["member:read", "member:write", "member:admin"])) return FORBIDDEN;
  const member = findMember(ctx, key);
  if (!member) return NOT_FOUND;
  return { status: 200, body: memberDetails(ctx.world, member, ctx.now, ctx.caller) };
}

const EMAIL_SHAPE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** F30: counts an invite against the caps; true when a cap is hit. */
function overInviteCap(ctx: HandlerContext, email: string): boolean {
  if (!ctx.switches.inviteCaps) return false;
  const keys: [string, number][] = [
    [`email:${email.toLowerCase()}`, INVITE_CAP_LIMIT.email],
    [`user:${ctx.caller.member?.id ?? "integration"}`, INVITE_CAP_LIMIT.user],
    ["org", INVITE_CAP_LIMIT.org],
  ];
  if (keys.some(([key, limit]) => (ctx.inviteCounts.get(key) ?? 0) >= limit)) return true;
  for (const [key] of keys) ctx.inviteCounts.set(key, (ctx.inviteCounts.get(key) ?? 0) + 1);
  return false;
}

type TeamRolesResult = { ok: true; teams: Map<string, "contributor" | "admin" | null> } | { ok: false; reply: Reply };

/** Reads `teamRoles` (or `teams`) from a body; 500 for an item missing a key (F08), 400 for unknown teams. */
function readTeamRoles(
  ctx: HandlerContext,
  body: Record<string, unknown>,
  keepRoles: boolean,
): TeamRolesResult | undefined {
  const teams = new Map<string, "contributor" | "admin" | null>();
  const teamRoles = body["teamRoles"];
  if (Array.isArray(teamRoles) && teamRoles.length > 0) {
    for (const item of teamRoles) {
      const entry = record(item);
      if (!("teamSlug" in entry) || !("role" in entry)) return { ok: false, reply: internalError() };
      const team = typeof entry["teamSlug"] === "string" ? findTeam(ctx.world, entry["teamSlug"]) : undefined;
      if (!team) return { ok: false, reply: { status: 400, body: { teamRoles: ["Invalid teams"] } } };
      const role = entry["role"];
      if (role !== null && role !== "contributor" && role !== "admin")
        return { ok: false, reply: { status: 400, body: { teamRoles: ["Invalid team-role"] } } };
      teams.set(team.slug, keepRoles && hasTeamRoles(ctx.world) ? role : null);
    }
    return { ok: true, teams };
  }
  const slugs = body["teams"];
  if (Array.isArray(slugs) && slugs.length > 0) {
    for (const slug of slugs) {
      const team = typeof slug === "string" ? findTeam(ctx.world, slug) : undefined;
      if (!team) return { ok: false, reply: { status: 400, body: { teams: ["Invalid teams"] } } };
      teams.set(team.slug, null);
    }
    return { ok: true, teams };
  }
  if (Array.isArray(teamRoles) || Array.isArray(slugs)) return { ok: true, teams };
  return undefined;
}

function invite(ctx: HandlerContext): Reply {
  const { world, caller } = ctx;
  if (!world.org.features.has("invite-members"))
    return { status: 403, body: { organization: "Your organization is not allowed to invite members" } };
  if (!allowed(caller, ["member:write", "member:admin", "member:invite"])) return FORBIDDEN;
  if (!caller.scopes.has("member:admin") && caller.token.kind === "user" && !world.org.allowMemberInvite)
    return FORBIDDEN;
  const body = record(ctx.body);
  const roleKeySent = "role" in body;
  const roleValue = ctx.switches.inviteReadsRoleOnly ? body["role"] : (body["orgRole"] ?? body["role"]);
  const role = typeof roleValue === "string" ? roleValue : "member";
  if (caller.token.kind === "integration" && role !== "member") {
    return {
      status: 400,
      body: ["Integration tokens are restricted to inviting new members with the member role only."],
    };
  }
  const email = typeof body["email"] === "string" ? body["email"] : "";
  const errors: Record<string, string[]> = {};
  if (!email) errors["email"] = ["This field is required."];
  else if (email.length > 75) errors["email"] = ["Ensure this field has no more than 75 characters."];
  else if (!EMAIL_SHAPE.test(email)) errors["email"] = ["Enter a valid email address."];
  else if (world.members.some((m) => !m.inactive && accountOwnsEmail(m, email)))
    errors["email"] = [`The user ${email} is already a member`];
  else if (world.members.some((m) => m.pending && m.email === email))
    errors["email"] = [`The user ${email} has already been invited`];
  if (!orgRoleIds(world).includes(role)) errors["orgRole"] = [`"${role}" is not a valid choice.`];
  else if (caller.token.kind === "user" && priority(role) > priority(caller.role)) {
    errors["orgRole"] = ["You do not have permission to set that org-level role"];
    if (roleKeySent) errors["role"] = ["You do not have permission to set that org-level role"];
  } else if (role === "admin" && hasTeamRoles(world))
    errors["role"] = ["The role 'admin' is deprecated and may no longer be assigned."];
  const teamsResult = readTeamRoles(ctx, body, false);
  if (teamsResult && !teamsResult.ok) {
    if (teamsResult.reply.status === 500) return teamsResult.reply;
    Object.assign(errors, teamsResult.reply.body as object);
  }
  if (Object.keys(errors).length > 0) return { status: 400, body: errors };
  if (overInviteCap(ctx, email)) return detail(429, INVITE_CAP);
  const teams = teamsResult?.ok ? teamsResult.teams : new Map<string, "contributor" | "admin" | null>();
  if (!caller.scopes.has("member:admin") && caller.member && !world.org.openMembership) {
    for (const slug of teams.keys())
      if (!caller.member.teams.has(slug))
        return detail(400, "You cannot assign members to teams you are not a member of.");
  }
  if (role === "billing" && teams.size > 0) return { status: 400, body: { email: BILLING_TEAMS } };
  const member: MemberRow = {
    id: world.nextMemberId++,
    email,
    emailNull: false,
    secondaryEmails: [],
    role,
    pending: true,
    invitedAt: ctx.now,
    dateCreated: new Date(ctx.now).toISOString(),
    name: null,
    userId: null,
    has2fa: false,
    inviterName: caller.member ? (caller.member.name ?? caller.member.email) : null,
    inviterId: caller.member?.id ?? null,
    flags: {
      "idp:provisioned": false,
      "idp:role-restricted": false,
      "sso:linked": false,
      "sso:invalid": false,
      "member-limit:restricted": false,
      "partnership:restricted": false,
    },
    teams,
    inactive: false,
  };
  world.members.push(member);
  world.inviteRequests = world.inviteRequests.filter((r) => r.email.toLowerCase() !== email.toLowerCase());
  return { status: 201, body: memberListItem(world, member, ctx.now) };
}

function reinvite(ctx: HandlerContext, target: MemberRow, body: Record<string, unknown>): Reply {
  const { caller } = ctx;
  if (Object.keys(body).some((key) => key !== "reinvite" && key !== "regenerate")) {
    return detail(
      403,
      "You cannot modify member details when resending an invitation. Separate requests are required.",
    );
  }
  const regenerate = body["regenerate"] === true;
  if (!caller.scopes.has("member:admin")) {
    if (regenerate) return detail(400, "You are missing the member:admin scope.");
    if (target.inviterId !== caller.member?.id) return detail(400, "You are missing the member:admin scope.");
  }
  if (!target.pending) return detail(400, "You cannot send an invitation to a user who is already a full member.");
  if (isExpired(target, ctx.now) && !regenerate)
    return detail(400, "You cannot resend an expired invitation without regenerating the token.");
  if (overInviteCap(ctx, target.email)) return detail(429, INVITE_CAP);
  if (regenerate) target.invitedAt = ctx.now;
  return { status: 200, body: memberDetails(ctx.world, target, ctx.now, caller) };
}

function putMember(ctx: HandlerContext, key: string): Reply {
  const { world, caller } = ctx;
  if (!allowed(caller, ["member:invite", "member:write", "member:admin"])) return FORBIDDEN;
  const target = findMember(ctx, key);
  if (!target) return NOT_FOUND;
  const body = record(ctx.body);
  const roleValue = body["orgRole"] ?? body["role"];
  const newRole = typeof roleValue === "string" ? roleValue : undefined;
  if (newRole !== undefined) {
    if (!orgRoleIds(world).includes(newRole))
      return { status: 400, body: { orgRole: [`"${newRole}" is not a valid choice.`] } };
    if (caller.token.kind === "integration" || priority(newRole) > priority(caller.role)) {
      return { status: 400, body: { orgRole: ["You do not have permission to set that org-level role"] } };
    }
  }
  if (target.flags["partnership:restricted"]) return detail(403, PARTNERSHIP);
  if (body["reinvite"] === true) return reinvite(ctx, target, body);
  if (!caller.scopes.has("member:admin")) return detail(400, "You are missing the member:admin scope.");
  // F35/F36: teams are saved before any role check, and a PUT without teams clears them.
  const teamsResult = readTeamRoles(ctx, body, true);
  if (teamsResult && !teamsResult.ok) return teamsResult.reply;
  const teams = teamsResult?.teams ?? new Map<string, "contributor" | "admin" | null>();
  if ((newRole ?? target.role) === "billing" && teams.size > 0) return detail(400, BILLING_TEAMS);
  target.teams = teams;
  if (newRole !== undefined && newRole !== target.role) {
    if (priority(target.role) > priority(caller.role))
      return { status: 403, body: { role: "You do not have permission to assign a role to the given user." } };
    if (caller.member && caller.member.id === target.id)
      return detail(400, "You cannot make changes to your own role.");
    if (newRole === "admin" && hasTeamRoles(world))
      return detail(400, "The role 'admin' is deprecated and may no longer be assigned.");
    if (ctx.switches.idpRoleRestrictedBlocks && target.flags["idp:role-restricted"]) {
      return detail(403, "This user's org-role is managed through your organization's identity provider.");
    }
    const owners = world.members.filter((m) => !m.pending && !m.inactive && m.role === "owner");
    if (target.role === "owner" && !target.pending && owners.length === 1)
      return { status: 400, body: ["An organization must have at least one owner"] };
    target.role = newRole;
  }
  return { status: 200, body: memberDetails(world, target, ctx.now, caller) };
}

function deleteMember(ctx: HandlerContext, key: string): Reply {
  const { world, caller } = ctx;
  if (!hasAny(caller, ["member:read", "member:write", "member:admin"])) return FORBIDDEN;
  const target = findMember(ctx, key);
  if (!target) return NOT_FOUND;
  if (!caller.member) return detail(400, MORE_ACCESS);
  if (caller.member.id !== target.id) {
    if (!caller.scopes.has("member:admin")) {
      const ownInvite = target.pending && world.org.allowMemberInvite && target.inviterId === caller.member.id;
      if (!ownInvite) {
        return detail(
          400,
          target.pending
            ? "You cannot modify invitations sent by someone else."
            : "You are missing the member:admin scope.",
        );
      }
    } else if (priority(target.role) > priority(caller.role)) return detail(400, MORE_ACCESS);
  }
  const writers = world.members.filter(
    (m) => !m.pending && !m.inactive && (m.role === "owner" || m.role === "manager"),
  );
  if (!target.pending && writers.length === 1 && writers[0] === target) {
    return detail(
      403,
      ctx.switches.legacyLastOwnerText
        ? "You cannot remove the only remaining owner of the organization."
        : "You cannot remove the only remaining owner or manager of the organization.",
    );
  }
  if (target.flags["idp:provisioned"])
    return detail(403, "This user is managed through your organization's identity provider.");
  if (target.flags["partnership:restricted"]) return detail(403, PARTNERSHIP);
  // F51: the invites and invite requests the removed member sent go too.
  world.members = world.members.filter((m) => m !== target && !(m.pending && m.inviterId === target.id));
  world.inviteRequests = world.inviteRequests.filter((r) => r.inviterId !== target.id);
  return { status: 204 };
}

/** Team admin of this team (stored admin or an org role implying it). */
function isTeamAdmin(member: MemberRow | null, slug: string): boolean {
  if (!member || !member.teams.has(slug)) return false;
  return member.teams.get(slug) === "admin" || minimumTeamRole(member.role) === "admin";
}

function addToTeam(ctx: HandlerContext, key: string, teamKey: string): Reply {
  const { world, caller } = ctx;
  if (!hasAny(caller, ["org:read", "org:write", "team:write"])) return FORBIDDEN;
  const target = findMember(ctx, key);
  const team = findTeam(world, teamKey);
  if (!target || !team) return NOT_FOUND;
  if (target.role === "billing") return detail(403, BILLING_TEAMS);
  if (target.teams.has(team.slug)) return { status: 204 };
  if (team.idpProvisioned) return detail(403, "This team is managed through your organization's identity provider.");
  const direct =
    caller.token.kind === "integration"
      ? hasAny(caller, ["org:write", "team:write"])
      : // Decided by the caller's org role, not by the token's scopes (docs/sentry-behaviour.md E10).
        world.org.openMembership || hasGlobalTeamAccess(caller.role) || isTeamAdmin(caller.member, team.slug);
  if (!direct) return { status: 202 };
  target.teams.set(team.slug, null);
  return { status: 201, body: teamJson(world, team, caller.member, caller.scopes, true) };
}

function setTeamRole(ctx: HandlerContext, key: string, teamKey: string): Reply {
  const { world, caller } = ctx;
  if (
    !hasAny(caller, [
      "org:read",
      "org:write",
      "org:admin",
      "member:read",
      "member:write",
      "member:admin",
      "team:admin",
      "team:write",
    ])
  )
    return FORBIDDEN;
  const target = findMember(ctx, key);
  const team = findTeam(world, teamKey);
  if (!target || !team || !target.teams.has(team.slug)) return NOT_FOUND;
  const wanted = record(ctx.body)["teamRole"];
  if (wanted !== "contributor" && wanted !== "admin")
    return { status: 400, body: { teamRole: [`"${String(wanted)}" is not a valid choice.`] } };
  // Without team-roles the write is ignored and its permission check skipped: 200 whatever the caller (E11).
  if (!hasTeamRoles(world)) return { status: 200, body: teamRoleAnswer(target.teams.get(team.slug) ?? null) };
  const mayEdit =
    caller.scopes.has("member:admin") || caller.scopes.has("org:write") || isTeamAdmin(caller.member, team.slug);
  if (!mayEdit) return detail(400, NO_EDIT);
  // A pending invitee's team membership takes a role too: there is no pending guard (E11).
  const atMinimum = wanted === "contributor" || minimumTeamRole(target.role) === "admin";
  target.teams.set(team.slug, atMinimum ? null : wanted);
  return { status: 200, body: teamRoleAnswer(target.teams.get(team.slug) ?? null) };
}

function removeFromTeam(ctx: HandlerContext, key: string, teamKey: string): Reply {
  const { world, caller } = ctx;
  if (!hasAny(caller, ["org:read", "org:write", "org:admin", "team:admin"])) return FORBIDDEN;
  const target = findMember(ctx, key);
  const team = findTeam(world, teamKey);
  if (!target || !team) return NOT_FOUND;
  const self = caller.member !== null && caller.member.id === target.id;
  const global = caller.token.kind === "integration" ? caller.scopes.has("org:write") : hasGlobalTeamAccess(caller.role);
  // By the caller's org role, not the token's scopes; this check comes before the SCIM one (E12).
  if (!self && !global && !isTeamAdmin(caller.member, team.slug)) return detail(400, NO_EDIT);
  if (team.idpProvisioned) return detail(403, "This team is managed through your organization's identity provider.");
  target.teams.delete(team.slug);
  return { status: 200, body: teamJson(world, team, caller.member, caller.scopes, true) };
}

function listTeams(ctx: HandlerContext): Reply {
  const { world, caller } = ctx;
  if (!allowed(caller, ["org:read", "org:write", "org:admin"])) return FORBIDDEN;
  let teams = [...world.teams].sort((a, b) => a.slug.localeCompare(b.slug));
  const query = ctx.query.get("query")?.trim();
  if (query) {
    for (const term of query.split(/\s+/)) {
      const colon = term.indexOf(":");
      if (colon < 0) {
        teams = teams.filter((t) => t.slug.includes(term) || t.name.toLowerCase().includes(term.toLowerCase()));
      } else if (term.slice(0, colon) === "id") {
        const value = term.slice(colon + 1);
        if (!/^\d+$/.test(value)) return detail(400, "Invalid id value");
        teams = teams.filter((t) => t.id === value);
      } else if (term.slice(0, colon) === "slug") {
        teams = teams.filter((t) => t.slug === term.slice(colon + 1));
      } else {
        teams = [];
      }
    }
  }
  const detailed = ctx.query.get("detailed") !== "0";
  return page(teams, ctx, (t) => teamJson(world, t, caller.member, caller.scopes, detailed));
}

const SLUG_SHAPE = /^[a-z0-9_-]{1,50}$/;

function createTeam(ctx: HandlerContext): Reply {
  const { world, caller } = ctx;
  if (!allowed(caller, ["org:write", "org:admin", "team:write"])) return FORBIDDEN;
  const body = record(ctx.body);
  const name = typeof body["name"] === "string" ? body["name"] : undefined;
  const slug = typeof body["slug"] === "string" ? body["slug"] : name?.toLowerCase().replace(/[^a-z0-9_-]+/g, "-");
  if (!slug || !SLUG_SHAPE.test(slug))
    return {
      status: 400,
      body: { slug: ["Enter a valid slug consisting of lowercase letters, numbers, underscores or hyphens."] },
    };
  if (world.teams.some((t) => t.slug === slug)) {
    return {
      status: 409,
      body: {
        non_field_errors: ["A team with this slug already exists."],
        detail: "A team with this slug already exists.",
      },
    };
  }
  const team: TeamRow = {
    id: String(world.nextTeamId++),
    slug,
    name: name ?? slug,
    idpProvisioned: false,
    dateCreated: new Date(ctx.now).toISOString(),
  };
  world.teams.push(team);
  // X1: Sentry adds the creating user to the new team.
  caller.member?.teams.set(slug, null);
  return { status: 201, body: teamJson(world, team, caller.member, caller.scopes, true) };
}

function listTeamMembers(ctx: HandlerContext, teamKey: string): Reply {
  const { world, caller } = ctx;
  if (!allowed(caller, ["team:read", "team:write", "team:admin"])) return FORBIDDEN;
  const team = findTeam(world, teamKey);
  if (!team) return NOT_FOUND;
  // Ordered by invite email, then id: invitees first, accepted members after (docs/sentry-behaviour.md E9).
  const rows = visibleMembers(world)
    .filter((m) => m.teams.has(team.slug))
    .sort((a, b) =>
      a.pending === b.pending
        ? a.pending
          ? a.email.localeCompare(b.email) || a.id - b.id
          : a.id - b.id
        : a.pending
          ? -1
          : 1,
    );
  return page(rows, ctx, (m) => teamMemberItem(world, m, team, ctx.now));
}
