import type { ChangeWithoutId, Plan } from "../plan/plan.js";
import { ACTION_LABELS } from "./vocabulary.js";

/** Plans with more changes than this open with a summary (by action, by team) before the list. */
export const SUMMARY_THRESHOLD = 30;
/** Teams named in the summary; the rest are counted in one line, so it fits a screen. */
export const SUMMARY_TEAMS = 8;

/** What a long plan does, in counts: the same numbers for the terminal and the PR comment. */
export interface PlanSummary {
  /** [label, count] in apply order of the first change of each kind. */
  readonly byAction: readonly (readonly [string, number])[];
  /** [team slug, changes touching it], most first (ties by slug), at most SUMMARY_TEAMS. */
  readonly byTeam: readonly (readonly [string, number])[];
  /** Teams touched but not listed in byTeam. */
  readonly moreTeams: number;
}

/** The summary of a plan, or undefined when it is short enough to read as a list. */
export function summarizePlan(plan: Plan): PlanSummary | undefined {
  if (plan.changes.length <= SUMMARY_THRESHOLD) return undefined;
  const actions = new Map<string, number>();
  const teams = new Map<string, number>();
  for (const change of plan.changes) {
    const label = ACTION_LABELS[change.action];
    actions.set(label, (actions.get(label) ?? 0) + 1);
    for (const team of teamsOf(change)) teams.set(team, (teams.get(team) ?? 0) + 1);
  }
  const sortedTeams = [...teams].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  return { byAction: [...actions], byTeam: sortedTeams.slice(0, SUMMARY_TEAMS), moreTeams: Math.max(0, sortedTeams.length - SUMMARY_TEAMS) };
}

function teamsOf(change: ChangeWithoutId): readonly string[] {
  switch (change.action) {
    case "create-team":
    case "add-to-team":
    case "set-team-role":
    case "remove-from-team":
      return [change.team];
    case "invite":
      return Object.keys(change.teams);
    case "reinvite":
    case "set-role":
    case "remove-member":
      return [];
  }
}
