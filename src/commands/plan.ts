import { ISSUE_SEVERITY, type RosterIssue } from "../domain/roster-issue.js";
import type { DesiredState, LiveState } from "../domain/types.js";
import { computePlan } from "../plan/compute-plan.js";
import { addressesToLookUp } from "../plan/match-members.js";
import type { Plan } from "../plan/plan.js";
import { loadRoster } from "../roster/load-roster.js";
import type { SentryClient } from "../sentry/client.js";
import { lookUpAccountEmails } from "../sentry/look-up-members.js";
import { readLiveState } from "../sentry/read-live-state.js";
import type { Deps, SentryConnection } from "./deps.js";
import { resolveOrganization } from "./organization.js";
import { openSentry } from "./sentry-session.js";
import type { RosterInvalidResult } from "./validate.js";

/** What `plan` needs: the roster, an optional org override and where Sentry is. */
export interface PlanCommandOptions {
  readonly rosterPath: string;
  /** --org (the Action's `organization`): must agree with the roster's organization when it names one. */
  readonly org?: string;
  /** SENTRY_ORG: used only when the roster names no organization (resolveOrganization()). */
  readonly defaultOrg?: string;
  readonly connection: SentryConnection;
}

/** The roster had errors (Sentry was not contacted), or the plan with what it was computed from. */
export type PlanCommandResult =
  | RosterInvalidResult
  | {
      readonly kind: "planned";
      readonly plan: Plan;
      readonly desired: DesiredState;
      readonly live: LiveState;
      /** Roster warnings (no errors), to show beside the plan. */
      readonly issues: readonly RosterIssue[];
    };

/**
 * `plan`: validates the roster first (an invalid roster never reaches
 * Sentry), reads the live org with GET requests only (the org, members,
 * teams, the managed teams' members, members/me/, the token's scopes, and a
 * members search for roster addresses that matched nobody), and computes the plan.
 * Nothing is written. A missing roster file throws RosterFileError; Sentry
 * failures throw the typed errors of src/sentry/errors.ts.
 */
export async function planCommand(options: PlanCommandOptions, deps: Deps): Promise<PlanCommandResult> {
  const { issues, desired } = await loadRoster(options.rosterPath, deps.readFile);
  if (!desired || issues.some((issue) => issue.severity === ISSUE_SEVERITY.Error)) return { kind: "roster-invalid", issues };
  const organization = resolveOrganization({ flag: options.org, roster: desired.organization, env: options.defaultOrg }, options.rosterPath);
  const client = openSentry(options.connection, deps);
  deps.logger.progress(`reading organization ${organization} from ${options.connection.baseUrl}`);
  const live = await readLiveOrg(client, desired, organization, (message) => deps.logger.progress(message));
  return { kind: "planned", plan: computePlan(desired, live), desired, live, issues };
}

/**
 * One reading of the live org for this roster: the lists (readLiveState),
 * then a members search for each roster address that matched no listed
 * member, since Sentry treats every email of an account as that member
 * (docs/sentry-behaviour.md T8). A roster that matches needs no search, so
 * its plan costs no extra request.
 */
export async function readLiveOrg(client: SentryClient, desired: DesiredState, organization: string, onProgress?: (message: string) => void): Promise<LiveState> {
  const live = await readLiveState(client, { organization, managedTeams: desired.teams.map((team) => team.slug), ...(onProgress ? { onProgress } : {}) });
  const addresses = addressesToLookUp(desired, live);
  if (addresses.length === 0) return live;
  onProgress?.(`looking up ${addresses.length} roster address${addresses.length === 1 ? "" : "es"} that match no member`);
  return { ...live, accountEmails: await lookUpAccountEmails(client, organization, addresses) };
}

/** The renderers the front ends use to show a plan (cli/ and action/ reach render/ and plan/ through commands/). */
export { renderPlanText } from "../render/plan-text.js";
export { toPlanJson } from "../plan/plan-json.js";
