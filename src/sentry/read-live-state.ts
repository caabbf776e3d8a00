import type { LiveMember, LiveState, TeamRole, TokenIdentity } from "../domain/types.js";
import { MAX_CONCURRENT_READS, type SentryClient, apiPath } from "./client.js";
import {
  type TeamMemberDto,
  readMember,
  readOrgDetails,
  readTeam,
  readTeamMember,
  readTokenScopesAnswer,
} from "./dto.js";
import { SentryApiError, SentryConfigError, SentryProtocolError } from "./errors.js";
import { readAllAs } from "./paginate.js";

export interface ReadLiveStateOptions {
  readonly organization: string;
  /** Teams whose member lists to read: the roster's teams, or "all" (export). */
  readonly managedTeams: readonly string[] | "all";
  /** Called as lists finish ("read 1,000 members"). */
  readonly onProgress?: (message: string) => void;
  /** Read the token's scopes (E14), which `token-cannot` judges; default true. Export does not need them. */
  readonly tokenScopes?: boolean;
}

/** Runs `run` over `items`, at most `limit` at a time; results in the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * members/me/: the token's own member (tokens without one, internal
 * integrations, get 404); and the API root for the token's own scopes (E14).
 */
async function readTokenIdentity(
  client: SentryClient,
  organization: string,
  withScopes: boolean,
): Promise<TokenIdentity> {
  const [member, scopes] = await Promise.all([
    readTokenMember(client, organization),
    withScopes ? readTokenScopes(client) : null,
  ]);
  return { ...member, scopes };
}

async function readTokenMember(client: SentryClient, organization: string): Promise<Omit<TokenIdentity, "scopes">> {
  try {
    const me = readMember((await client.get<unknown>(apiPath("organizations", organization, "members", "me"))).body);
    return { memberId: me.id, email: me.email, role: me.orgRole };
  } catch (error) {
    if (error instanceof SentryApiError && (error.status === 404 || error.status === 400))
      return { memberId: null, email: null, role: null };
    throw error;
  }
}

/**
 * The token's scopes from `GET /api/0/` (docs/sentry-behaviour.md E14). A
 * server (or regional host) that does not answer it, or answers without
 * `auth.scopes`, gives null: `token-cannot` then judges by the role alone.
 */
async function readTokenScopes(client: SentryClient): Promise<readonly string[] | null> {
  try {
    return readTokenScopesAnswer((await client.get<unknown>(apiPath())).body);
  } catch (error) {
    if (error instanceof SentryApiError || error instanceof SentryProtocolError) return null;
    throw error;
  }
}

/**
 * One reading of the live org with the fewest requests, as few round trips
 * deep as possible: org details, the member and team lists, the token's member
 * and the member lists of the chosen teams all start at once, and the client
 * keeps MAX_CONCURRENT_READS of them in flight (client.ts). The roster's teams are read by slug
 * without waiting for the team list (a 404 means the team is absent); export
 * ("all") needs the team list first. A failure of the org details wins, so a
 * wrong org or token fails with one clear error.
 * Requests: ⌈members/100⌉ + ⌈teams/100⌉ + Σ⌈team members/100⌉ + 3 (org
 * details, the token's member, the token's scopes; 2 without scopes), plus one
 * 404 per roster team that Sentry does not have yet.
 */
export async function readLiveState(client: SentryClient, options: ReadLiveStateOptions): Promise<LiveState> {
  const org = options.organization;
  const detailsRead = readDetails(client, org);
  const rest = Promise.all([
    readAllAs(client, apiPath("organizations", org, "members"), toLiveMember),
    readTeamsAndMembers(client, options),
    readTokenIdentity(client, org, options.tokenScopes ?? true),
  ]);
  // Both settle before anything is thrown, so no read is left rejecting unobserved.
  const [detailsResult, restResult] = await Promise.allSettled([detailsRead, rest]);
  if (detailsResult.status === "rejected") throw detailsResult.reason;
  if (restResult.status === "rejected") throw restResult.reason;
  const details = detailsResult.value;
  const [members, { teams, toRead, lists }, token] = restResult.value;
  options.onProgress?.(`read ${members.length} members and ${teams.length} teams`);
  // Each member's own (still empty) team record, filled in place: one record per member, no copies.
  const teamsById = new Map(members.map((m) => [m.id, m.teams as Record<string, TeamRole | null>]));
  const vanished = new Set(lists.filter((list) => list.rows === undefined).map((list) => list.slug));
  for (const { slug, rows } of lists) {
    for (const row of rows ?? []) {
      const memberTeams = teamsById.get(row.id);
      // A row missing from the member list (joined meanwhile, or an inactive user) is left out.
      if (memberTeams) memberTeams[slug] = row.teamRole;
    }
  }
  members.sort((a, b) => compareIds(a.id, b.id));
  return {
    organization: org,
    members,
    teams: teams.filter((t) => !vanished.has(t.slug)),
    teamsRead: toRead.filter((slug) => !vanished.has(slug)),
    orgRoles: details.orgRoles,
    teamRolesEnabled: details.teamRolesEnabled,
    openMembership: details.openMembership,
    token,
  };
}

/** A row of the members list as a LiveMember, read as its page arrives; `teams` is filled in once the team lists are read. */
function toLiveMember(row: unknown): LiveMember {
  const m = readMember(row);
  return {
    id: m.id,
    email: m.email,
    name: m.name,
    role: m.orgRole,
    pending: m.pending,
    expired: m.expired,
    flags: m.flags,
    ...(m.pending ? { inviterName: m.inviterName } : {}),
    teams: {},
  };
}

/** Org details (docs/sentry-behaviour.md E13), with its two failures put in words a user can act on. */
async function readDetails(client: SentryClient, org: string) {
  try {
    // Lean, as Sentry's own web app asks: no teams and projects serialized, but the feature list (E13).
    const answer = await client.get<unknown>(apiPath("organizations", org), {
      detailed: "0",
      include_feature_flags: "1",
    });
    return readOrgDetails(answer.body);
  } catch (error) {
    if (error instanceof SentryProtocolError) {
      throw new SentryConfigError(
        `${client.displayUrl} did not answer like a Sentry server (GET organizations/${org}/): check --url (or SENTRY_URL)`,
        { cause: error },
      );
    }
    if (error instanceof SentryApiError && error.status === 404) {
      throw new SentryConfigError(
        `organization "${org}" not found at ${client.displayUrl}: check --org (or SENTRY_ORG) and --url (or SENTRY_URL)`,
        { cause: error },
      );
    }
    throw error;
  }
}

/** The team list, and the member lists of the chosen teams; a list that answers 404 has `rows` undefined. */
async function readTeamsAndMembers(client: SentryClient, options: ReadLiveStateOptions) {
  const org = options.organization;
  let done = 0;
  const readMembersOf = async (slugs: readonly string[]) =>
    mapLimit(slugs, MAX_CONCURRENT_READS, async (slug) => {
      let rows: TeamMemberDto[] | undefined;
      try {
        rows = await readAllAs(client, apiPath("teams", org, slug, "members"), readTeamMember);
      } catch (error) {
        // Not there (yet, or any more): the org does not have that team.
        if (!(error instanceof SentryApiError && error.status === 404)) throw error;
      }
      done += 1;
      if (done % 10 === 0 || done === slugs.length)
        options.onProgress?.(`read the members of ${done}/${slugs.length} teams`);
      return { slug, rows };
    });
  const readTeamList = async () =>
    (await readAllAs(client, apiPath("organizations", org, "teams"), readTeam, { detailed: "0" })).sort((a, b) =>
      a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0,
    );
  if (options.managedTeams === "all") {
    const teams = await readTeamList();
    const toRead = teams.map((team) => team.slug);
    return { teams, toRead, lists: await readMembersOf(toRead) };
  }
  const wanted = [...new Set(options.managedTeams)].sort();
  const [teams, lists] = await Promise.all([readTeamList(), readMembersOf(wanted)]);
  // Only teams the team list shows count as read: one created meanwhile is left for the next run.
  const liveSlugs = new Set(teams.map((team) => team.slug));
  return {
    teams,
    toRead: wanted.filter((slug) => liveSlugs.has(slug)),
    lists: lists.filter((list) => liveSlugs.has(list.slug)),
  };
}

/** Member ids are integers sent as strings: order numerically. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
