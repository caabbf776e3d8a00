import { normalizeEmail } from "../domain/identity.js";
import type { DesiredMember, DesiredState, DesiredTeam, OrgRole, Policy, TeamRole } from "../domain/types.js";
import type { ParsedRoster } from "./parse-roster.js";

/** The policy a roster gets for every field it leaves out (docs/roster.md#policy): each default refuses. */
export const DEFAULT_POLICY: Policy = { unlisted: "report", maxRemovals: 5, maxRoleChanges: 10, owners: "protect", minOwners: 1 };

/** The roster value once the schema accepted it. */
interface RosterValue {
  readonly version: 1;
  readonly organization?: string;
  readonly policy?: Partial<Policy>;
  readonly teams?: Readonly<Record<string, { readonly name?: string } | null>>;
  readonly ignore?: readonly string[];
  readonly members: readonly {
    readonly email: string;
    readonly aliases?: readonly string[];
    readonly role: OrgRole;
    readonly teams?: readonly string[] | Readonly<Record<string, TeamRole>>;
  }[];
}

/**
 * A roster that passed every check → the normalized DesiredState: lower-cased
 * emails and aliases, team lists turned into explicit roles (list form means
 * contributor), policy defaults applied, and each member's and team's position.
 * `organization` is "" when the roster names none (--org or SENTRY_ORG decide).
 */
export function toDesiredState(roster: ParsedRoster): DesiredState {
  const value = roster.value as RosterValue;
  const position = (offset: number | undefined) => (offset === undefined ? { line: 1, col: 1 } : roster.at(offset));

  const teams: DesiredTeam[] = Object.entries(value.teams ?? {}).map(([slug, team]) => ({
    slug,
    ...(team?.name !== undefined ? { name: team.name } : {}),
    position: position(roster.teamKeyOffsets.get(slug)),
  }));

  const members: DesiredMember[] = value.members.map((member, index) => ({
    email: normalizeEmail(member.email),
    aliases: (member.aliases ?? []).map(normalizeEmail),
    role: member.role,
    teams: teamRoles(member.teams),
    // Map-form teams state their roles; list form means "contributor" by default (the plan warns only about stated ones).
    explicitTeamRoles: member.teams === undefined || Array.isArray(member.teams) ? [] : Object.keys(member.teams),
    position: position(roster.memberOffsets[index]),
  }));

  return {
    organization: value.organization ?? "",
    policy: { ...DEFAULT_POLICY, ...value.policy },
    teams,
    ignore: (value.ignore ?? []).map(normalizeEmail),
    members,
  };
}

function teamRoles(
  teams: readonly string[] | Readonly<Record<string, TeamRole>> | undefined,
): Record<string, TeamRole> {
  if (teams === undefined) return {};
  if (Array.isArray(teams)) return Object.fromEntries(teams.map((slug: string) => [slug, "contributor" as const]));
  return { ...(teams as Readonly<Record<string, TeamRole>>) };
}
