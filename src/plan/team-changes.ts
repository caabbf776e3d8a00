import { normalizeEmail } from "../domain/identity.js";
import { effectiveTeamRole, hasTeamAccess, minimumTeamRole } from "../domain/roles.js";
import type { DesiredMember, DesiredState, LiveMember, LiveState } from "../domain/types.js";
import type { RosterMatch } from "./match-members.js";
import type { ChangeWithoutId } from "./plan.js";
import { article, compareText, judge, quotedList, record, type Candidate, type PlanDraft } from "./plan-draft.js";
import { holdFor, type Hold, type SafetyContext } from "./safety.js";

/** What the team comparison needs to know about the live org. */
interface TeamFacts {
  readonly liveTeams: ReadonlySet<string>;
  readonly teamsRead: ReadonlySet<string>;
  readonly managed: ReadonlySet<string>;
  readonly teamRolesEnabled: boolean;
}

/**
 * The roster's teams: creates the ones Sentry lacks, and warns about teams
 * whose members were not read. Returns the teams this plan cannot create,
 * with why, so invites and team adds can leave them out.
 */
export function planManagedTeams(desired: DesiredState, live: LiveState, context: SafetyContext, draft: PlanDraft): Map<string, Hold> {
  const liveTeams = new Set(live.teams.map((team) => team.slug));
  const teamsRead = new Set(live.teamsRead);
  const uncreatable = new Map<string, Hold>();
  for (const team of [...desired.teams].sort((a, b) => compareText(a.slug, b.slug))) {
    if (!liveTeams.has(team.slug)) {
      const change: ChangeWithoutId = { action: "create-team", team: team.slug, name: team.name ?? team.slug };
      const hold = holdFor(change, undefined, context);
      record(draft, change, hold);
      if (hold) uncreatable.set(team.slug, hold);
    } else if (!teamsRead.has(team.slug)) {
      draft.warnings.push({ message: `The members of team "${team.slug}" were not read: its memberships are left as they are.`, team: team.slug });
    }
  }
  return uncreatable;
}

/**
 * Team changes of every matched member on the managed teams, compared as
 * effective roles under the org role each member ends the plan with
 * (`finalRoles`); then the teams a demotion to billing drops.
 */
export function planTeamChanges(
  match: RosterMatch,
  desired: DesiredState,
  live: LiveState,
  finalRoles: ReadonlyMap<string, string>,
  uncreatable: ReadonlyMap<string, Hold>,
  context: SafetyContext,
  draft: PlanDraft,
): void {
  const facts: TeamFacts = {
    liveTeams: new Set(live.teams.map((team) => team.slug)),
    teamsRead: new Set(live.teamsRead),
    managed: new Set(desired.teams.map((team) => team.slug)),
    teamRolesEnabled: live.teamRolesEnabled,
  };
  for (const { desired: member, live: current } of match.pairings) {
    if (!current) continue;
    const finalRole = finalRoles.get(current.id) ?? current.role;
    for (const candidate of teamCandidates(member, current, finalRole, facts, draft)) {
      const missing = "team" in candidate.change ? uncreatable.get(candidate.change.team) : undefined;
      if (missing && candidate.change.action === "add-to-team") {
        record(draft, candidate.change, { reason: missing.reason, detail: `team "${candidate.change.team}" is not created: ${missing.detail}` });
      } else {
        judge(draft, candidate, context);
      }
    }
    if (finalRoles.has(current.id) && !hasTeamAccess(finalRole) && hasTeamAccess(current.role)) {
      // Demotion to billing drops every team Sentry has them on, unmanaged ones included.
      for (const team of Object.keys(current.teams).sort(compareText)) {
        if (facts.managed.has(team)) continue;
        judge(draft, { change: { action: "remove-from-team", email: current.email, memberId: current.id, team }, target: current }, context);
      }
      draft.warnings.push({
        message: `${current.email} becomes billing, which has no team access: Sentry drops them from every team, including teams the roster does not manage.`,
        email: normalizeEmail(current.email),
      });
    }
  }
  teamRoleFeatureWarning(draft, match.wanted, live);
}

/**
 * Team changes of one matched member on the managed teams. A pending invitee
 * gets its team roles too: Sentry's team-role write works on an invitee's
 * team membership (docs/sentry-behaviour.md E11).
 */
function teamCandidates(member: DesiredMember, current: LiveMember, finalRole: string, facts: TeamFacts, draft: PlanDraft): Candidate[] {
  const candidates: Candidate[] = [];
  const base = { email: current.email, memberId: current.id };
  const noEffect: string[] = [];
  // Only teams the member is on or should be on can change: not every managed team.
  const teams = new Set<string>();
  for (const team of Object.keys(member.teams)) if (facts.managed.has(team)) teams.add(team);
  for (const team of Object.keys(current.teams)) if (facts.managed.has(team)) teams.add(team);
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
    if (from !== to) candidates.push({ change: { action: "set-team-role", ...base, team, from, to }, target: current });
  }
  if (noEffect.length > 0) {
    draft.warnings.push({
      message: `${current.email} is ${article(finalRole)} ${finalRole}, which is always team admin: the team role contributor in ${quotedList(noEffect)} has no effect.`,
      email: normalizeEmail(current.email),
    });
  }
  return candidates;
}

/** Whether the roster stated this member's role in a team itself (map form), rather than by default. */
function explicitTeamRole(member: DesiredMember, team: string): boolean {
  return member.explicitTeamRoles === undefined || member.explicitTeamRoles.includes(team);
}

/** Without the team-roles feature Sentry ignores team roles: say so once, emit no set-team-role. */
function teamRoleFeatureWarning(draft: PlanDraft, wanted: readonly DesiredMember[], live: LiveState): void {
  if (live.teamRolesEnabled) return;
  const asks = wanted.some((member) => Object.values(member.teams).some((role) => role === "admin" && minimumTeamRole(member.role) !== "admin"));
  if (!asks) return;
  draft.warnings.push({
    message: `Organization "${live.organization}" does not have the team-roles feature: Sentry ignores team roles, so the plan sets none.`,
  });
}
