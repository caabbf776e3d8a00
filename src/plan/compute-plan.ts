import { normalizeEmail } from "../domain/identity.js";
import type { DesiredState, LiveState } from "../domain/types.js";
import { demotedMembers, phaseRank } from "./apply-order.js";
import { planDigest, withId } from "./change-id.js";
import { matchRoster } from "./match-members.js";
import { planMemberChanges } from "./member-changes.js";
import type { ChangeWithoutId, Drift, Plan } from "./plan.js";
import { compareText, emptyDraft } from "./plan-draft.js";
import { organizationMismatch, planViolations } from "./plan-rules.js";
import { safetyContext } from "./safety.js";
import { planManagedTeams, planTeamChanges } from "./team-changes.js";

/**
 * Compares the roster with one reading of the live org: pure, synchronous and
 * deterministic (the same inputs give the same plan, whatever the order of the
 * live lists). Changes come in apply order; held-back changes carry a reason.
 * The parts, in the order they run: the managed teams (team-changes.ts),
 * matching roster to live members (match-members.ts), member-level changes
 * (member-changes.ts), team changes under the org roles members end with
 * (team-changes.ts), and the rules that refuse a plan (plan-rules.ts).
 */
export function computePlan(desired: DesiredState, live: LiveState): Plan {
  // A reading of another organization makes every change meaningless: the plan is only the refusal (docs/roster.md).
  const mismatch = organizationMismatch(desired, live);
  if (mismatch) {
    return { formatVersion: 1, organization: live.organization, digest: planDigest([]), changes: [], skipped: [], drift: [], warnings: [], violations: [mismatch] };
  }
  const context = safetyContext(desired, live);
  const draft = emptyDraft();
  const drift: Drift[] = [];
  if (live.token.scopes !== null && !context.judgeToken && live.token.role !== null) {
    draft.warnings.push({ message: "The token can only read: what it may change is judged again, with the apply token, before any write." });
  }
  const uncreatable = planManagedTeams(desired, live, context, draft);
  const match = matchRoster(desired, live, draft);
  // Member-level changes first: the org role each member ends with decides their team roles.
  const { finalRoles } = planMemberChanges(match, desired, live, context, uncreatable, draft, drift);
  const managed = new Set(desired.teams.map((team) => team.slug));
  for (const team of [...live.teams].sort((a, b) => compareText(a.slug, b.slug))) {
    if (!managed.has(team.slug)) drift.push({ kind: "unmanaged-team", team: team.slug });
  }
  planTeamChanges(match, desired, live, finalRoles, uncreatable, context, draft);
  const violations = planViolations(desired, live, draft.changes);
  const changes = orderChanges(draft.changes).map(withId);
  return {
    formatVersion: 1,
    organization: live.organization,
    digest: planDigest(changes),
    changes,
    skipped: orderChanges(draft.skipped),
    drift,
    warnings: draft.warnings,
    violations,
  };
}

/**
 * Apply order (src/plan/apply-order.ts, the order the executor runs):
 * create teams; invites and re-invites; promotions, new owners first; team
 * adds; team roles; team removals; demotions; then team adds and roles of the
 * members just demoted (Sentry stores no team role at or below the org
 * role's minimum, so team admin set while they are still a manager would be
 * lost); member removals; invites Sentry deleted with a removed member, sent
 * again. Stable within a group by email, then team.
 */
export function orderChanges<T extends ChangeWithoutId>(changes: readonly T[]): T[] {
  const demoted = demotedMembers(changes);
  return changes
    .map((change) => ({ change, rank: phaseRank(change, demoted), email: emailOf(change), team: teamOf(change) }))
    .sort((a, b) => a.rank - b.rank || compareText(a.email, b.email) || compareText(a.team, b.team))
    .map((entry) => entry.change);
}

function emailOf(change: ChangeWithoutId): string {
  return "email" in change ? normalizeEmail(change.email) : "";
}

function teamOf(change: ChangeWithoutId): string {
  return "team" in change ? change.team : change.action === "reinvite" ? "0" : "1";
}
