/**
 * Seeded random scenarios for the model-based and chaos runs: a live org
 * (owners, managers, pending and expired invites, SCIM-managed members,
 * unmanaged and IdP teams) and a roster that edits it (new people, role
 * changes, team moves, case-variant emails, ignore entries, every policy).
 */
import type { OrgSeed, SeedMember, SeedTeam } from "../fakes/fake-sentry.js";
import { ALL_SCOPES } from "../fakes/generate-org.js";
import type { Random } from "./seeded-random.js";

/** The fake's clock at the start of every scenario. */
export const SCENARIO_NOW = Date.parse("2026-11-23T12:00:00.000Z");
/** The owner token every scenario applies with. */
export const SCENARIO_TOKEN = "sntryu_reliability_owner_token_5f3c9a1e7b2d4c6f";
const DAY_MS = 24 * 60 * 60 * 1000;
const NAMES = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter"];
const TEAM_SLUGS = ["backend", "frontend", "mobile", "data", "infra", "legacy"];

/** What the roster says, kept as values so the invariants can read it. */
export interface ScenarioPolicy {
  readonly unlisted: "report" | "remove";
  readonly maxRemovals: number;
  readonly owners: "protect" | "manage";
  readonly minOwners: number;
}

/** One generated case. */
export interface Scenario {
  readonly seed: number;
  readonly org: OrgSeed;
  /** Roster YAML text. */
  readonly roster: string;
  readonly policy: ScenarioPolicy;
  /** Team slugs the roster lists. */
  readonly managedTeams: readonly string[];
  /** Emails the roster ignores (as written). */
  readonly ignore: readonly string[];
  /** Member id of the token's user. */
  readonly tokenMemberId: string;
}

function caseVariant(email: string, random: Random): string {
  if (!random.chance(0.3)) return email;
  const [local, domain] = email.split("@") as [string, string];
  return random.chance(0.5) ? `${local.charAt(0).toUpperCase()}${local.slice(1)}@${domain}` : `${local}@${domain.toUpperCase()}`;
}

function pickSome<T>(items: readonly T[], random: Random, p: number): T[] {
  return items.filter(() => random.chance(p));
}

/** A scenario from one seed; the same seed always gives the same org and roster. */
export function randomScenario(random: Random): Scenario {
  const teamCount = random.int(2, 5);
  const teams: SeedTeam[] = TEAM_SLUGS.slice(0, teamCount).map((slug, i) => ({ id: String(11 + i), slug, name: slug.charAt(0).toUpperCase() + slug.slice(1) }));
  const idpTeam = random.chance(0.3);
  if (idpTeam) teams.push({ id: "31", slug: "scim-team", name: "SCIM team", idpProvisioned: true });
  // Decided first: they set which roles the org offers (billing on sentry.io; admin only without team roles).
  const teamRoles = random.chance(0.85);
  const selfHosted = random.chance(0.2);
  const tokenMemberId = "100";
  const members: SeedMember[] = [{ id: tokenMemberId, email: "owner@acme.example", name: "Token Owner", role: "owner", has2fa: true, teams: {} }];
  const names = NAMES.slice(0, random.int(2, 10));
  names.forEach((name, i) => {
    const pending = random.chance(0.25);
    const role = random.pick(["member", "member", "member", "manager", "owner", ...(selfHosted ? [] : ["billing"]), ...(teamRoles ? [] : ["admin"])]);
    const scim = role !== "owner" && !pending && random.chance(0.15);
    const memberTeams: Record<string, "admin" | null> = {};
    for (const team of teams) {
      if (role === "billing") break; // billing has no team access
      if (team.idpProvisioned && !scim) continue;
      if (random.chance(0.4)) memberTeams[team.slug] = role === "member" && random.chance(0.4) ? "admin" : null;
    }
    members.push({
      id: String(101 + i),
      email: `${name}@acme.example`,
      role,
      has2fa: true,
      ...(pending
        ? { pending: true, invitedAt: new Date(SCENARIO_NOW - (random.chance(0.5) ? 40 : 2) * DAY_MS).toISOString(), inviterId: null }
        : { name: name.charAt(0).toUpperCase() + name.slice(1) }),
      ...(scim ? { flags: { "idp:provisioned": true, ...(random.chance(0.5) ? { "idp:role-restricted": true } : {}) } } : {}),
      teams: memberTeams,
    });
  });
  const org: OrgSeed = {
    organization: { id: "4501", slug: "acme", name: "Acme", features: teamRoles ? ["invite-members", "team-roles"] : ["invite-members"], openMembership: random.chance(0.3), allowMemberInvite: true, mode: selfHosted ? "self-hosted" : "sentry.io" },
    teams,
    members,
    tokens: [{ token: SCENARIO_TOKEN, kind: "user", memberId: tokenMemberId, scopes: [...ALL_SCOPES] }],
  };

  const policy: ScenarioPolicy = {
    unlisted: random.chance(0.5) ? "remove" : "report",
    maxRemovals: random.int(0, 6),
    owners: random.chance(0.6) ? "protect" : "manage",
    minOwners: random.int(1, 2),
  };
  const liveSlugs = teams.filter((team) => !team.idpProvisioned).map((team) => team.slug);
  const managedTeams = [...pickSome(liveSlugs, random, 0.7), ...(random.chance(0.3) ? ["new-team"] : [])];
  const others = members.filter((member) => member.id !== tokenMemberId);
  const ignore = random.chance(0.25) && others.length > 0 ? [random.pick(others).email] : [];
  const lines = [
    "version: 1",
    "organization: acme",
    "policy:",
    `  unlisted: ${policy.unlisted}`,
    `  maxRemovals: ${policy.maxRemovals}`,
    `  owners: ${policy.owners}`,
    `  minOwners: ${policy.minOwners}`,
    managedTeams.length > 0 ? "teams:" : "teams: {}",
    ...managedTeams.map((slug) => `  ${slug}: {}`),
    ...(ignore.length > 0 ? ["ignore:", ...ignore.map((email) => `  - ${email}`)] : []),
    "members:",
  ];
  const rosterMember = (email: string, role: string) => {
    lines.push(`  - email: ${email}`, `    role: ${role}`);
    const chosen = role === "billing" ? [] : pickSome(managedTeams, random, 0.4);
    if (chosen.length === 0) return;
    if (random.chance(0.5)) lines.push(`    teams: [${chosen.join(", ")}]`);
    else lines.push("    teams:", ...chosen.map((slug) => `      ${slug}: ${random.chance(0.5) ? "admin" : "contributor"}`));
  };
  rosterMember("owner@acme.example", "owner");
  for (const member of others) {
    if (ignore.includes(member.email) || !random.chance(0.75)) continue;
    const offered = ["member", "member", "manager", "owner", ...(selfHosted ? [] : ["billing"]), ...(teamRoles ? [] : ["admin"])];
    const role = random.chance(0.6) && offered.includes(member.role) ? member.role : random.pick(offered);
    rosterMember(caseVariant(member.email, random), role);
  }
  for (let i = 0, n = random.int(0, 3); i < n; i += 1) rosterMember(caseVariant(`new${i}.${random.seed % 1000}@acme.example`, random), random.pick(["member", "member", "manager"]));
  return { seed: random.seed, org, roster: `${lines.join("\n")}\n`, policy, managedTeams, ignore, tokenMemberId };
}
