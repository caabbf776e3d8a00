import { normalizeEmail } from "../domain/identity.js";
import { effectiveTeamRole, hasTeamAccess, minimumTeamRole } from "../domain/roles.js";
import { demotedMembers, phaseRank } from "./apply-order.js";
import type { DesiredMember, DesiredState, LiveMember, LiveState, OrgRole } from "../domain/types.js";
import { planDigest, withId } from "./change-id.js";
import type { ChangeWithoutId, Drift, Plan, PlanWarning, SkippedChange, Violation } from "./plan.js";
import {
  holdFor,
  holdForLastOwner,
  maxRemovalsViolation,
  minOwnersViolation,
  safetyContext,
  type Hold,
  type OwnerReduction,
  type SafetyContext,
} from "./safety.js";

/** A desired member and the live member it matched, if any. */
interface Pairing {
  readonly desired: DesiredMember;
  readonly live: LiveMember | undefined;
}

/** A change the roster wants, before the safety rules judged it. */
interface Candidate {
  readonly change: ChangeWithoutId;
  readonly target: LiveMember | undefined;
}

/** Collects changes and skips as the rules decide them. */
interface Outcome {
  readonly changes: ChangeWithoutId[];
  readonly skipped: SkippedChange[];
  readonly warnings: PlanWarning[];
}

/**
 * Compares the roster with one reading of the live org: pure, synchronous and
 * deterministic (the same inputs give the same plan, whatever the order of the
 * live lists). Changes come in apply order; held-back changes carry a reason.
 */
export function computePlan(desired: DesiredState, live: LiveState): Plan {
  const context = safetyContext(desired, live);
  const outcome: Outcome = { changes: [], skipped: [], warnings: [] };
  const violations: Violation[] = [];
  const drift: Drift[] = [];

  // A roster without `organization` leaves the choice to --org / SENTRY_ORG.
  if (desired.organization !== "" && desired.organization.toLowerCase() !== live.organization.toLowerCase()) {
    violations.push({
      rule: "organization-mismatch",
      message: `The roster is for organization "${desired.organization}" but the plan read "${live.organization}". Fix organization in roster.yaml, or drop --org.`,
    });
  }
  if (live.token.scopes !== null && !context.judgeToken && live.token.role !== null) {
    outcome.warnings.push({ message: "The token can only read: what it may change is judged again, with the apply token, before any write." });
  }

  const ignored = new Set(desired.ignore.map(normalizeEmail));
  const liveTeams = new Map(live.teams.map((team) => [team.slug, team]));
  const teamsRead = new Set(live.teamsRead);
  const managed = [...desired.teams].sort((a, b) => compareText(a.slug, b.slug));
  const managedSlugs = new Set(managed.map((team) => team.slug));
  const uncreatable = new Map<string, Hold>();

  for (const team of managed) {
    if (!liveTeams.has(team.slug)) {
      const change: ChangeWithoutId = { action: "create-team", team: team.slug, name: team.name ?? team.slug };
      const hold = holdFor(change, undefined, context);
      record(outcome, change, hold);
      if (hold) uncreatable.set(team.slug, hold);
    } else if (!teamsRead.has(team.slug)) {
      outcome.warnings.push({ message: `The members of team "${team.slug}" were not read: its memberships are left as they are.`, team: team.slug });
    } else if (liveTeams.get(team.slug)?.idpProvisioned) {
      outcome.warnings.push({
        message: `Team "${team.slug}" is managed by your identity provider: Sentry refuses membership edits on it.`,
        team: team.slug,
      });
    }
  }

  const wanted = [...desired.members].filter((member) => {
    if (!ignored.has(normalizeEmail(member.email))) return true;
    outcome.warnings.push({ message: `${member.email} is both listed and ignored: the roster leaves them alone.`, email: normalizeEmail(member.email) });
    return false;
  });
  const { pairings, unlisted } = matchMembers(wanted, live.members.filter((member) => !ignored.has(normalizeEmail(member.email))));

  // Member-level changes first: the org role each member ends with decides their team roles.
  const memberCandidates: Candidate[] = [];
  for (const { desired: member, live: current } of pairings) {
    if (!current) {
      // Sentry refuses an invite naming a team that does not exist: leave out teams this plan cannot create.
      const teams = sortedRecord(member.teams);
      const missing = Object.keys(teams).filter((team) => uncreatable.has(team));
      for (const team of missing) delete teams[team];
      if (missing.length > 0) {
        outcome.warnings.push({
          message: `${member.email} is invited without ${missing.map((team) => `"${team}"`).join(", ")}: the team is not created (see skipped); a later run adds them.`,
          email: normalizeEmail(member.email),
        });
      }
      memberCandidates.push({ change: { action: "invite", email: member.email, role: member.role, teams }, target: undefined });
      continue;
    }
    if (current.pending && current.expired) {
      memberCandidates.push({ change: { action: "reinvite", email: current.email, memberId: current.id }, target: current });
    }
    if (current.role !== member.role) {
      memberCandidates.push({
        change: { action: "set-role", email: current.email, memberId: current.id, from: current.role as OrgRole, to: member.role },
        target: current,
      });
    }
  }
  for (const member of unlisted) {
    drift.push({ kind: "unlisted-member", email: member.email, memberId: member.id, role: member.role, pending: member.pending });
    if (desired.policy.unlisted === "remove") {
      memberCandidates.push({ change: { action: "remove-member", email: member.email, memberId: member.id }, target: member });
    }
  }
  for (const team of [...live.teams].sort((a, b) => compareText(a.slug, b.slug))) {
    if (!managedSlugs.has(team.slug)) drift.push({ kind: "unmanaged-team", team: team.slug });
  }
  const memberHolds = judgeMemberChanges(memberCandidates, live, context);
  for (const candidate of memberCandidates) record(outcome, candidate.change, memberHolds.get(candidate.change));

  const finalRoles = new Map<string, string>();
  for (const candidate of memberCandidates) {
    if (candidate.change.action === "set-role" && candidate.target && !memberHolds.has(candidate.change)) {
      finalRoles.set(candidate.target.id, candidate.change.to);
    }
  }

  const teamsApply = { liveTeams, teamsRead, managedSet: managedSlugs, teamRolesEnabled: live.teamRolesEnabled };
  for (const { desired: member, live: current } of pairings) {
    if (!current) {
      inviteWarnings(outcome, member, live.teamRolesEnabled);
      continue;
    }
    const finalRole = finalRoles.get(current.id) ?? current.role;
    for (const candidate of teamCandidates(member, current, finalRole, teamsApply, outcome)) {
      const missing = "team" in candidate.change ? uncreatable.get(candidate.change.team) : undefined;
      if (missing && candidate.change.action === "add-to-team") {
        record(outcome, candidate.change, { reason: missing.reason, detail: `team "${candidate.change.team}" is not created: ${missing.detail}` });
      } else {
        judge(outcome, candidate, context);
      }
    }
    if (finalRoles.has(current.id) && !hasTeamAccess(finalRole) && hasTeamAccess(current.role)) {
      // Demotion to billing drops every team Sentry has them on, unmanaged ones included.
      for (const team of Object.keys(current.teams).sort(compareText)) {
        if (managedSlugs.has(team)) continue;
        judge(outcome, { change: { action: "remove-from-team", email: current.email, memberId: current.id, team }, target: current }, context);
      }
      outcome.warnings.push({
        message: `${current.email} becomes billing, which has no team access: Sentry drops them from every team, including teams the roster does not manage.`,
        email: normalizeEmail(current.email),
      });
    }
  }
  teamRoleFeatureWarning(outcome, wanted, live);

  for (const change of outcome.changes) {
    if (change.action !== "invite" && change.action !== "set-role") continue;
    const role = change.action === "invite" ? change.role : change.to;
    if (!offers(live, role)) {
      violations.push({
        rule: "role-not-offered",
        message: `${change.email}: organization "${live.organization}" does not offer the role "${role}"; it offers ${offeredRoles(live).join(", ")}. Pick one of those in roster.yaml.`,
        email: normalizeEmail(change.email),
      });
    }
  }
  const removals = maxRemovalsViolation(outcome.changes.filter((change) => change.action === "remove-member").length, desired.policy);
  if (removals) violations.push(removals);
  const owners = minOwnersViolation(desired);
  if (owners) violations.push(owners);

  const changes = orderChanges(outcome.changes).map(withId);
  return {
    formatVersion: 1,
    organization: live.organization,
    digest: planDigest(changes),
    changes,
    skipped: orderChanges(outcome.skipped),
    drift,
    warnings: outcome.warnings,
    violations,
  };
}

/**
 * Matches roster members to live members by normalized email and aliases (an
 * accepted member shows their account's primary email). Accepted members are
 * matched before pending invites, so a person with a stale invite under one
 * address and an account under an alias keeps the account (the stale invite
 * is then unlisted). In each round primary emails go before aliases, so an
 * alias never takes another member's row; several rows for one address go by
 * lowest id.
 */
function matchMembers(wanted: readonly DesiredMember[], liveMembers: readonly LiveMember[]): { pairings: Pairing[]; unlisted: LiveMember[] } {
  const byEmail = new Map<string, LiveMember[]>();
  for (const member of liveMembers) {
    const key = normalizeEmail(member.email);
    const rows = byEmail.get(key);
    if (rows) rows.push(member);
    else byEmail.set(key, [member]);
  }
  for (const rows of byEmail.values()) rows.sort(compareLiveRows);
  const claimed = new Set<string>();
  const take = (email: string, pending: boolean): LiveMember | undefined => {
    const row = byEmail.get(normalizeEmail(email))?.find((member) => member.pending === pending && !claimed.has(member.id));
    if (row) claimed.add(row.id);
    return row;
  };
  const sorted = sortBy(wanted, (member) => normalizeEmail(member.email));
  const found = new Map<DesiredMember, LiveMember>();
  for (const pending of [false, true]) {
    for (const useAliases of [false, true]) {
      for (const member of sorted) {
        if (found.has(member)) continue;
        for (const email of useAliases ? member.aliases : [member.email]) {
          const row = take(email, pending);
          if (row) {
            found.set(member, row);
            break;
          }
        }
      }
    }
  }
  const pairings = sorted.map((member): Pairing => ({ desired: member, live: found.get(member) }));
  // By email, then by id as a number (length first): "\u0000" sorts before any email character.
  const unlisted = sortBy(
    liveMembers.filter((member) => !claimed.has(member.id)),
    (member) => `${normalizeEmail(member.email)}\u0000${String(member.id.length).padStart(6, "0")}${member.id}`,
  );
  return { pairings, unlisted };
}

function compareLiveRows(a: LiveMember, b: LiveMember): number {
  return Number(a.pending) - Number(b.pending) || compareIds(a.id, b.id);
}

/** Sentry ids are integers sent as strings: compare them as numbers when they are. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || compareText(a, b);
}

/** Judges the member-level changes one by one, then the last-owner rule over all of them. */
function judgeMemberChanges(candidates: readonly Candidate[], live: LiveState, context: SafetyContext): Map<ChangeWithoutId, Hold> {
  const holds = new Map<ChangeWithoutId, Hold>();
  for (const candidate of candidates) {
    const hold = holdFor(candidate.change, candidate.target, context);
    if (hold) holds.set(candidate.change, hold);
  }
  let owners = live.members.filter((member) => member.role === "owner" && !member.pending).length;
  const reductions: OwnerReduction[] = [];
  for (const { change, target } of candidates) {
    if (holds.has(change) || !target || target.pending) continue;
    if (change.action === "set-role" && change.to === "owner" && change.from !== "owner") owners += 1;
    const demotes = change.action === "set-role" && change.from === "owner" && change.to !== "owner";
    if (demotes || (change.action === "remove-member" && target.role === "owner")) reductions.push({ change, target });
  }
  reductions.sort((a, b) => compareText(normalizeEmail(a.target.email), normalizeEmail(b.target.email)) || compareText(a.change.action, b.change.action));
  for (const [change, hold] of holdForLastOwner(owners, reductions, context.policy.minOwners)) holds.set(change, hold);
  return holds;
}

/** What the team comparison needs to know about the live org. */
interface TeamFacts {
  readonly liveTeams: ReadonlyMap<string, unknown>;
  readonly teamsRead: ReadonlySet<string>;
  readonly managedSet: ReadonlySet<string>;
  readonly teamRolesEnabled: boolean;
}

/**
 * Team changes of one matched member on the managed teams, compared as
 * effective roles under the org role the member ends the plan with.
 */
function teamCandidates(member: DesiredMember, current: LiveMember, finalRole: string, facts: TeamFacts, outcome: Outcome): Candidate[] {
  const candidates: Candidate[] = [];
  const base = { email: current.email, memberId: current.id };
  const noEffect: string[] = [];
  // Only teams the member is on or should be on can change: not every managed team.
  const teams = new Set<string>();
  for (const team of Object.keys(member.teams)) if (facts.managedSet.has(team)) teams.add(team);
  for (const team of Object.keys(current.teams)) if (facts.managedSet.has(team)) teams.add(team);
  for (const team of [...teams].sort(compareText)) {
    const exists = facts.liveTeams.has(team);
    if (exists && !facts.teamsRead.has(team)) continue;
    const stored = exists ? current.teams[team] : undefined;
    const want = hasTeamAccess(finalRole) ? member.teams[team] : undefined;
    if (want !== undefined && stored === undefined) {
      candidates.push({ change: { action: "add-to-team", ...base, team, teamRole: want }, target: current });
    } else if (want === undefined && stored !== undefined) {
      candidates.push({ change: { action: "remove-from-team", ...base, team }, target: current });
    }
    if (want === undefined) continue;
    if (want === "contributor" && minimumTeamRole(finalRole) === "admin" && explicitTeamRole(member, team)) noEffect.push(team);
    if (stored === undefined || !facts.teamRolesEnabled) continue;
    const from = effectiveTeamRole(finalRole, stored);
    const to = effectiveTeamRole(finalRole, want === "admin" ? "admin" : null);
    if (from === to) continue;
    if (current.pending) {
      outcome.warnings.push({
        message: `${current.email} has not accepted the invite yet: team role ${to} in "${team}" is set by a later run, once they have.`,
        email: normalizeEmail(current.email),
        team,
      });
      continue;
    }
    candidates.push({ change: { action: "set-team-role", ...base, team, from, to }, target: current });
  }
  if (noEffect.length > 0) {
    outcome.warnings.push({
      message: `${current.email} is ${article(finalRole)} ${finalRole}, which is always team admin: the team role contributor in ${noEffect.map((team) => `"${team}"`).join(", ")} has no effect.`,
      email: normalizeEmail(current.email),
    });
  }
  return candidates;
}

/** Whether the roster stated this member's role in a team itself (map form), rather than by default. */
function explicitTeamRole(member: DesiredMember, team: string): boolean {
  return member.explicitTeamRoles === undefined || member.explicitTeamRoles.includes(team);
}

/** Invites create memberships; Sentry applies team roles only after acceptance. */
function inviteWarnings(outcome: Outcome, member: DesiredMember, teamRolesEnabled: boolean): void {
  if (!teamRolesEnabled) return;
  const raised = Object.keys(member.teams)
    .sort(compareText)
    .filter((team) => member.teams[team] === "admin" && minimumTeamRole(member.role) !== "admin");
  if (raised.length === 0) return;
  outcome.warnings.push({
    message: `${member.email} is invited to ${raised.map((team) => `"${team}"`).join(", ")} as contributor: Sentry sets team role admin only after the invite is accepted, on a later run.`,
    email: normalizeEmail(member.email),
  });
}

/** Without the team-roles feature Sentry ignores team roles: say so once, emit no set-team-role. */
function teamRoleFeatureWarning(outcome: Outcome, wanted: readonly DesiredMember[], live: LiveState): void {
  if (live.teamRolesEnabled) return;
  const asks = wanted.some((member) => Object.values(member.teams).some((role) => role === "admin" && minimumTeamRole(member.role) !== "admin"));
  if (!asks) return;
  outcome.warnings.push({
    message: `Organization "${live.organization}" does not have the team-roles feature: Sentry ignores team roles, so the plan sets none.`,
  });
}

function judge(outcome: Outcome, candidate: Candidate, context: SafetyContext): void {
  record(outcome, candidate.change, holdFor(candidate.change, candidate.target, context));
}

function record(outcome: Outcome, change: ChangeWithoutId, hold: Hold | undefined): void {
  if (hold) outcome.skipped.push({ ...change, reason: hold.reason, detail: hold.detail });
  else outcome.changes.push(change);
}

/** Roles the org offers; `admin` is retired on orgs with team roles (docs/sentry-behaviour.md S4). */
function offeredRoles(live: LiveState): string[] {
  return live.orgRoles.filter((role) => !(role === "admin" && live.teamRolesEnabled));
}

function offers(live: LiveState, role: OrgRole): boolean {
  return live.orgRoles.length === 0 ? role !== "admin" || !live.teamRolesEnabled : offeredRoles(live).includes(role);
}

/**
 * Apply order (src/plan/apply-order.ts, the order the executor runs):
 * create teams; invites and re-invites; promotions, new owners first; team
 * adds; team roles; team removals; demotions; then team adds and roles of the
 * members just demoted (Sentry stores no team role at or below the org
 * role's minimum, so team admin set before a manager's demotion would be
 * lost); member removals last. Stable within a group by email, then team.
 */
export function orderChanges<T extends ChangeWithoutId>(changes: readonly T[]): T[] {
  const demoted = demotedMembers(changes);
  return changes
    .map((change) => ({ change, rank: phaseRank(change, demoted), email: emailOf(change), team: teamOf(change) }))
    .sort((a, b) => a.rank - b.rank || compareText(a.email, b.email) || compareText(a.team, b.team))
    .map((entry) => entry.change);
}

/** Sorts by a text key computed once per item (stable). */
function sortBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, key: key(item) }))
    .sort((a, b) => compareText(a.key, b.key))
    .map((entry) => entry.item);
}

function emailOf(change: ChangeWithoutId): string {
  return "email" in change ? normalizeEmail(change.email) : "";
}

function teamOf(change: ChangeWithoutId): string {
  return "team" in change ? change.team : change.action === "reinvite" ? "0" : "1";
}

function sortedRecord<V>(record: Readonly<Record<string, V>>): Record<string, V> {
  const sorted: Record<string, V> = {};
  for (const key of Object.keys(record).sort(compareText)) sorted[key] = record[key] as V;
  return sorted;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? "an" : "a";
}

/** Locale-independent comparison, so plans are the same bytes on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

