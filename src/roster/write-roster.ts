import { Document, isScalar, isSeq, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { normalizeEmail } from "../domain/identity.js";
import { hasTeamAccess, isOrgRole, minimumTeamRole } from "../domain/roles.js";
import type { LiveMember, LiveState, TeamRole } from "../domain/types.js";
import { DEFAULT_POLICY } from "./to-desired-state.js";

/**
 * The schema line written at the top of an exported roster. A relative path:
 * it works in this repository and in any repository that keeps a copy of
 * schema/roster.schema.json beside the roster (the README says to copy it, or
 * to point the line at a pinned release's copy).
 */
export const SCHEMA_COMMENT = " yaml-language-server: $schema=./schema/roster.schema.json";

/** Options for writeRoster. */
export interface WriteRosterOptions {
  /** Slug written as `organization`; defaults to the live state's. */
  readonly organization?: string;
}

/**
 * The live org as roster YAML (`export`): every team the org has (with its
 * name when it differs from the slug), every member sorted by email with
 * their role and teams, and comments giving context (display name, pending or
 * expired invite, SCIM). The output validates with parseRosterText, gives back
 * the same memberships, and is byte-stable for the same LiveState.
 *
 * Team roles: a stored `null` is the org role's minimum, so it is written as
 * plain list membership; explicit `admin` above the minimum switches that
 * member to the map form. Billing members are written with no teams.
 */
export function writeRoster(live: LiveState, options: WriteRosterOptions = {}): string {
  const document = new Document();
  const organization = options.organization ?? live.organization;
  document.commentBefore = [
    SCHEMA_COMMENT,
    ` Exported from the Sentry organization "${organization}" by sentry-roster export.`,
    " Check it, then edit this file instead of Sentry's member settings: sentry-roster plan shows the difference.",
  ].join("\n");

  const teams = teamSlugs(live);
  const root = document.createNode({}) as YAMLMap;
  const add = (key: string, value: unknown, comment?: string) => {
    const pair = document.createPair(key, value);
    if (comment && isScalar(pair.key)) pair.key.commentBefore = comment;
    root.items.push(pair);
  };
  add("version", 1);
  add("organization", organization);
  add("policy", policyNode(document), " Safety rails, all at their defaults: see the README before changing them.");
  add(
    "teams",
    teamsNode(document, live, teams),
    " The teams the roster manages: every team of the org. Remove a team to leave it unmanaged.",
  );
  const { listed, expired } = splitExpiredInvites(live.members);
  if (expired.length > 0) {
    add(
      "ignore",
      ignoreNode(document, expired),
      [
        ` Expired invites, left as they are (a plan neither re-sends nor reports them).`,
        ` To re-send one, move it to members with a role; to drop one, delete the invite in Sentry.`,
      ].join("\n"),
    );
  }
  add("members", membersNode(document, listed), ` ${listed.length} member${listed.length === 1 ? "" : "s"}, sorted by email.`);
  document.contents = root;
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function policyNode(document: Document): YAMLMap {
  return document.createNode({ ...DEFAULT_POLICY }) as YAMLMap;
}

function teamsNode(document: Document, live: LiveState, slugs: readonly string[]): YAMLMap {
  const teams = document.createNode({}) as YAMLMap;
  for (const slug of slugs) {
    const team = live.teams.find((candidate) => candidate.slug === slug);
    const value = document.createNode(team && team.name !== slug ? { name: team.name } : {}) as YAMLMap;
    value.flow = true;
    teams.set(slug, value);
    if (team?.idpProvisioned) value.comment = " SCIM-managed: Sentry refuses membership changes through the API";
  }
  return teams;
}

/**
 * Expired invites go under `ignore:` so that a plan right after export is
 * "No changes" (a listed expired invite is re-sent). One that shares its
 * email with another member or invite stays listed: an ignored email would
 * cover that member too.
 */
export function splitExpiredInvites(members: readonly LiveMember[]): { listed: LiveMember[]; expired: LiveMember[] } {
  const live = new Set(members.filter((member) => !(member.pending && member.expired)).map((member) => normalizeEmail(member.email)));
  const expired = new Map<string, LiveMember>();
  for (const member of members) {
    const key = normalizeEmail(member.email);
    if (member.pending && member.expired && !live.has(key) && !expired.has(key)) expired.set(key, member);
  }
  const ignored = new Set(expired.values());
  const listed = members.filter((member) => !(member.pending && member.expired && !live.has(normalizeEmail(member.email))));
  return { listed, expired: [...ignored].sort((a, b) => compareText(normalizeEmail(a.email), normalizeEmail(b.email))) };
}

function ignoreNode(document: Document, expired: readonly LiveMember[]): YAMLSeq {
  const ignore = document.createNode([]) as YAMLSeq;
  for (const member of expired) {
    const entry = document.createNode(member.email) as Scalar;
    const teams = hasTeamAccess(member.role) ? Object.keys(member.teams).sort(compareText) : [];
    const name = memberNotes(member).filter((note) => note !== "expired invite");
    entry.comment = ` ${[...name, `expired invite as ${member.role}${teams.length > 0 ? ` (teams ${teams.join(", ")})` : ""}`].join(", ")}`;
    ignore.items.push(entry);
  }
  return ignore;
}

function membersNode(document: Document, listedMembers: readonly LiveMember[]): YAMLSeq {
  const members = document.createNode([]) as YAMLSeq;
  const sorted = [...listedMembers].sort(
    (a, b) => compareText(normalizeEmail(a.email), normalizeEmail(b.email)) || compareText(a.id, b.id),
  );
  // Sentry compares pending invites case-sensitively, so "Bob@x" and "bob@x" can both exist; a roster
  // matches case-insensitively and may list each person once. Keep one entry and name the others.
  const seen = new Map<string, YAMLMap>();
  for (const member of preferAccepted(sorted)) {
    const key = normalizeEmail(member.email);
    const kept = seen.get(key);
    if (kept) {
      const note = ` also in Sentry as ${member.email} (member ${member.id}${member.pending ? ", pending invite" : ""}): remove the duplicate there`;
      kept.comment = kept.comment ? `${kept.comment}\n${note}` : note;
      continue;
    }
    const node = memberNode(document, member);
    seen.set(key, node);
    members.items.push(node);
  }
  return members;
}

/** Within one email (any case), an accepted member first: it is the one that holds the person's teams. */
function preferAccepted(members: readonly LiveMember[]): LiveMember[] {
  return [...members].sort(
    (a, b) =>
      compareText(normalizeEmail(a.email), normalizeEmail(b.email)) ||
      Number(a.pending) - Number(b.pending) ||
      compareText(a.id, b.id),
  );
}

function memberNode(document: Document, member: LiveMember): YAMLMap {
  const node = document.createNode({ email: member.email, role: member.role }) as YAMLMap;
  const emailValue = node.get("email", true) as Scalar;
  const notes = memberNotes(member);
  if (notes.length > 0) emailValue.comment = ` ${notes.join(", ")}`;
  if (!isOrgRole(member.role)) {
    (node.get("role", true) as Scalar).comment =
      ` not a role sentry-roster knows: pick one of member, admin, manager, owner, billing`;
  }
  const teams = memberTeams(member);
  if (teams !== undefined) {
    const teamsValue = document.createNode(teams);
    if (isSeq(teamsValue)) teamsValue.flow = true;
    node.set("teams", teamsValue);
  }
  return node;
}

/** Context a reviewer needs next to an email: who it is and what state Sentry has them in. */
function memberNotes(member: LiveMember): string[] {
  const notes: string[] = [];
  const name = member.name.replace(/\s+/g, " ").trim(); // one line, whatever Sentry holds
  if (name && !sameText(name, member.email)) notes.push(name);
  if (member.pending) notes.push(member.expired ? "expired invite" : "pending invite");
  if (member.flags.idpProvisioned) notes.push("SCIM-managed");
  return notes;
}

/** List form when every team role is what the org role implies; map form when one is an explicit admin above it. */
function memberTeams(member: LiveMember): string[] | Record<string, TeamRole> | undefined {
  if (!hasTeamAccess(member.role)) return undefined;
  const slugs = Object.keys(member.teams).sort(compareText);
  if (slugs.length === 0) return undefined;
  const explicitAdmin =
    minimumTeamRole(member.role) === "contributor" && slugs.some((slug) => member.teams[slug] === "admin");
  if (!explicitAdmin) return slugs;
  return Object.fromEntries(slugs.map((slug) => [slug, member.teams[slug] === "admin" ? "admin" : "contributor"]));
}

/** Every team of the org, plus any a member is on that the team list lacks, so the roster stays valid. */
function teamSlugs(live: LiveState): string[] {
  const slugs = new Set(live.teams.map((team) => team.slug));
  for (const member of live.members)
    if (hasTeamAccess(member.role)) for (const slug of Object.keys(member.teams)) slugs.add(slug);
  return [...slugs].sort(compareText);
}

// Plain code-unit order, not locale order: the output must not depend on the machine.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameText(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
