/**
 * The arithmetic the bench compares its measurements with: the fewest
 * requests a plan can use, the least time they can take under Sentry's
 * limits, and the ideal apply time. Pure, so bench/lower-bound.test.ts checks it.
 */

/** Sentry's largest page (docs/sentry-behaviour.md S2: per_page max 100). */
export const PAGE_SIZE = 100;

/**
 * Reads a plan makes besides the three lists: org details (E13), the token's
 * own member (members/me/) and the token's scopes (the API root, E14). The
 * third came with judging `token-cannot` by scopes: it is part of what a plan
 * needs, so the bound counts it rather than hiding it in the slack.
 */
export const PLAN_FIXED_READS = 3;

/** The org a plan reads, as far as request counts go. */
export interface OrgShape {
  readonly members: number;
  readonly teams: number;
  /** Rows of each team member list the plan reads (the roster's teams; pending invitees count, E9). */
  readonly teamMemberCounts: readonly number[];
}

/** The fewest requests for one plan, by list. */
export interface PlanRequestBound {
  readonly memberPages: number;
  readonly teamPages: number;
  readonly teamMemberPages: number;
  readonly fixed: number;
  readonly total: number;
}

/** What the network allows: the fake's latency and limits, the client's concurrency. */
export interface NetworkModel {
  /** Added by the server to every answer. */
  readonly latencyMs: number;
  /** Members index (E1 list, E5 invite) requests per second (docs/sentry-behaviour.md S3: 40). */
  readonly membersIndexPerSecond: number;
  /** Reads the client keeps in flight at once. */
  readonly concurrency: number;
}

/**
 * Pages to read `rows` rows. A list always costs one request, even when empty;
 * an exactly full last page needs no extra request (Sentry reads one row ahead).
 */
export function pagesFor(rows: number): number {
  return Math.max(1, Math.ceil(rows / PAGE_SIZE));
}

/** ⌈members/100⌉ + ⌈teams/100⌉ + Σ⌈team members/100⌉ + fixed reads. */
export function planRequestBound(org: OrgShape): PlanRequestBound {
  const memberPages = pagesFor(org.members);
  const teamPages = pagesFor(org.teams);
  const teamMemberPages = org.teamMemberCounts.reduce((sum, rows) => sum + pagesFor(rows), 0);
  return {
    memberPages,
    teamPages,
    teamMemberPages,
    fixed: PLAN_FIXED_READS,
    total: memberPages + teamPages + teamMemberPages + PLAN_FIXED_READS,
  };
}

/**
 * Requests of `count` that share one rate limit and one cursor chain: each
 * waits for the previous answer (latency) and for its place in the rate
 * (1/limit apart, counted from the first).
 */
export function chainMs(count: number, latencyMs: number, perSecond: number): number {
  if (count <= 0) return 0;
  return Math.max(count * latencyMs, ((count - 1) * 1000) / perSecond + latencyMs);
}

/**
 * The least wall time of one plan's reads (ms), whatever their order:
 * the longest of
 * - the members list: its pages form a cursor chain on the members index (chainMs);
 * - the teams list and each team's member list: a cursor chain each, at latency only
 *   (their limit, 470/s, is above what `concurrency` readers at this latency reach);
 * - all requests spread over `concurrency` readers: ⌈total ÷ concurrency⌉ × latency.
 *   Each request keeps its reader busy for at least the latency, and no more than
 *   `concurrency` are ever in flight, so the requests can be laid out on that many
 *   readers, each sending one after another (an interval graph is coloured with as
 *   many colours as it has intervals overlapping at once); one reader then sends at
 *   least ⌈total ÷ concurrency⌉ of them. total × latency ÷ concurrency, the bound
 *   used before, is below that whenever the requests do not fill the readers
 *   evenly: 15 requests over 4 readers take four round trips, not 3.75.
 * The client is not charged for its choice to read org details first.
 */
export function planTimeBoundMs(org: OrgShape, model: NetworkModel): number {
  const bound = planRequestBound(org);
  const members = chainMs(bound.memberPages, model.latencyMs, model.membersIndexPerSecond);
  const teams = bound.teamPages * model.latencyMs;
  const longestTeam = Math.max(0, ...org.teamMemberCounts.map((rows) => pagesFor(rows) * model.latencyMs));
  const spread = Math.ceil(bound.total / Math.max(1, model.concurrency)) * model.latencyMs;
  return Math.max(members, teams, longestTeam, spread);
}

/**
 * The ideal time of `writes` members-index writes (invites), which Sentry's
 * client policy sends one at a time (docs/sentry-behaviour.md S3): writes ÷ rate limit,
 * or writes × latency when the latency is what binds.
 */
export function applyIdealMs(writes: number, model: Pick<NetworkModel, "latencyMs" | "membersIndexPerSecond">): number {
  return Math.max((writes * 1000) / model.membersIndexPerSecond, writes * model.latencyMs);
}

/** Rows per team from a seed's memberships (team slug → how many members, invitees included). */
export function teamMemberCounts(teamSlugs: readonly string[], memberships: readonly (readonly string[])[]): number[] {
  const counts = new Map<string, number>(teamSlugs.map((slug) => [slug, 0]));
  for (const teams of memberships)
    for (const slug of teams) if (counts.has(slug)) counts.set(slug, (counts.get(slug) ?? 0) + 1);
  return teamSlugs.map((slug) => counts.get(slug) ?? 0);
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
