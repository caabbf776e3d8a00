// The part of `apply` after its writes: read the org again, finish the
// token user's removal from teams apply created, and say what is left over.
import { applyPlan } from "../apply/apply-plan.js";
import type { SentryWriter } from "../apply/ports.js";
import type { DesiredState } from "../domain/types.js";
import type { RosterIssue } from "../domain/roster-issue.js";
import { computePlan } from "../plan/compute-plan.js";
import type { ApplyResult, ChangeOutcome } from "../plan/outcome.js";
import type { Change, Plan } from "../plan/plan.js";
import type { ApplyCommandResult } from "./apply-result.js";
import type { Deps } from "./deps.js";
import { describeError } from "./describe-error.js";
import { readLiveOrg } from "./plan.js";
import type { openSentry } from "./sentry-session.js";

/**
 * What apply keeps once the changes are written. The live state they were
 * planned from is not in it: only the re-read is alive while the org is read
 * again, so the peak memory of apply is that of one reading (docs/benchmarks.md).
 */
export interface WrittenRun {
  readonly kind: "written";
  readonly organization: string;
  readonly plan: Plan;
  readonly desired: DesiredState;
  /** The token user's member id in the first reading (null without a member). */
  readonly tokenMemberId: string | null;
  readonly result: ApplyResult;
  readonly notReviewed: readonly Change[];
  readonly snapshotPath?: string;
  readonly issues: readonly RosterIssue[];
  readonly client: ReturnType<typeof openSentry>;
  readonly writer: SentryWriter;
}

/** Reads the org again (twice when the token's user is taken off teams it created) and reports what is left over. */
export async function confirmConvergence(written: WrittenRun, token: string, deps: Deps): Promise<ApplyCommandResult> {
  const { organization, plan, desired, tokenMemberId, notReviewed, snapshotPath, issues, client, writer } = written;
  let result = written.result;
  let recheck = await recheckConvergence(desired, organization, client, deps, token);
  // Sentry adds the token's user to every team it creates (docs/sentry-behaviour.md T28):
  // take them off again, as part of this run, unless the roster lists them there.
  const created = new Set(
    result.outcomes.flatMap((outcome) => (outcome.change.action === "create-team" && outcome.status === "applied" ? [outcome.change.team] : [])),
  );
  const cleanup = recheck.leftOver.filter(
    (change) => change.action === "remove-from-team" && change.memberId === tokenMemberId && created.has(change.team),
  );
  if (cleanup.length > 0) {
    // Removals only: the live state an add-to-team would need plays no part.
    const followUp = await applyPlan(cleanup, writer);
    // The follow-up belongs to the team's creation (the plan shows it there): it is reported on that
    // line, so the prompt, the plan and the report count the same changes.
    result = { ...result, outcomes: result.outcomes.map((outcome) => withFollowUp(outcome, followUp.outcomes)) };
    recheck = await recheckConvergence(desired, organization, client, deps, token, { quiet: true });
  }
  const notReviewedIds = new Set(notReviewed.map((change) => change.id));
  return {
    kind: "applied",
    organization,
    plan,
    result,
    leftOver: recheck.leftOver.filter((change) => !notReviewedIds.has(change.id)),
    notReviewed,
    ...(recheck.error === undefined ? {} : { recheckError: recheck.error }),
    ...(snapshotPath === undefined ? {} : { snapshotPath }),
    issues,
  };
}

/** Reads the org again and recomputes: the changes still wanted, or why it could not tell. */
async function recheckConvergence(
  desired: DesiredState,
  organization: string,
  client: ReturnType<typeof openSentry>,
  deps: Deps,
  token: string,
  options: { readonly quiet?: boolean } = {},
): Promise<{ readonly leftOver: readonly Change[]; readonly error?: string }> {
  try {
    // Said once per run, though a follow-up makes apply read the org a second time.
    if (!options.quiet) deps.logger.progress("reading the org again to confirm");
    // The same reading as the plan's, identity lookups included, so a member found by search is no left-over invite.
    const after = await readLiveOrg(client, desired, organization);
    return { leftOver: computePlan(desired, after).changes };
  } catch (error) {
    return { leftOver: [], error: `could not read the org again to confirm the result: ${describeError(error, token)}` };
  }
}

/** A team creation's outcome with the removal of the token's user from that team noted on it. */
function withFollowUp(outcome: ChangeOutcome, followUps: readonly ChangeOutcome[]): ChangeOutcome {
  const change = outcome.change;
  if (change.action !== "create-team") return outcome;
  const followUp = followUps.find((candidate) => candidate.change.action === "remove-from-team" && candidate.change.team === change.team);
  if (!followUp) return outcome;
  const note =
    followUp.status === "applied"
      ? "then removed the token's user, whom Sentry adds to a team it creates"
      : `removing the token's user, whom Sentry adds to a team it creates, did not succeed${followUp.message ? `: ${followUp.message}` : ""}`;
  return { ...outcome, message: outcome.message ? `${outcome.message}; ${note}` : note };
}
