import { applyPlan } from "../apply/apply-plan.js";
import { orderChanges } from "../apply/order-changes.js";
import type { SentryWriter } from "../apply/ports.js";
import type { DesiredState, LiveState } from "../domain/types.js";
import type { RosterIssue } from "../domain/roster-issue.js";
import { computePlan } from "../plan/compute-plan.js";
import type { ApplyResult, ChangeOutcome } from "../plan/outcome.js";
import { PlanFileError } from "../plan/errors.js";
import { parsePlanJson } from "../plan/plan-json.js";
import type { Change, Plan, Violation } from "../plan/plan.js";
import { type ReviewEvidence, reviewGate } from "../plan/review-gate.js";
import { createSentryWriter } from "../sentry/writer.js";
import type { Deps, SentryConnection } from "./deps.js";
import { describeError } from "./describe-error.js";
import { renderApplyRefusal, renderApplyReport, toApplyRefusalJson, toApplyReportJson, type ApplyReport } from "../render/apply-report.js";
import { renderPlanText } from "../render/plan-text.js";
import { formatRosterIssues } from "../render/roster-issues.js";
import { planCommand, readLiveOrg } from "./plan.js";
import { openSentry } from "./sentry-session.js";

/** Progress lines `apply` prints at most per run (on a terminal). */
export const PROGRESS_LINES = 20;


/** What `apply` needs: the roster, where Sentry is, and optionally what was reviewed. */
export interface ApplyCommandOptions {
  readonly rosterPath: string;
  /** --org (the Action's `organization`): must agree with the roster's organization when it names one. */
  readonly org?: string;
  /** SENTRY_ORG: used only when the roster names no organization (resolveOrganization()). */
  readonly defaultOrg?: string;
  readonly connection: SentryConnection;
  /** From the Action: what was reviewed (ids or digest); see reviewGate. */
  readonly reviewed?: ReviewEvidence;
  /** --plan FILE: a saved plan JSON, the reviewed plan by the same rules (reviewGate). */
  readonly planFile?: string;
  /**
   * Where to save the live state before the first write; no snapshot when
   * absent. A function is called only then, so a run that writes nothing
   * makes no file or directory.
   */
  readonly snapshotFile?: string | (() => Promise<string>);
  /**
   * Asked after the plan passed every check and before the first write, with
   * the plan and the changes that will run; `false` cancels with nothing written.
   */
  readonly confirm?: (plan: Plan, run: readonly Change[]) => Promise<boolean>;
  /**
   * Aborted on Ctrl-C or a cancelled job: the write in flight finishes,
   * nothing more is sent, the org is not read again, and the result says
   * `interrupted` (docs/cli.md#interrupting-apply). A string `reason` is the
   * report's stop message.
   */
  readonly stop?: AbortSignal;
}

/**
 * The outcome of `apply`:
 * - roster-invalid: the roster has errors; Sentry was not contacted.
 * - refused: nothing was written. `reason` says why in one line: the plan
 *   breaks a policy rule (`violations`), the saved plan is another
 *   organization's, or the user did not confirm.
 * - applied: the writer ran (possibly zero changes). `result` has one outcome
 *   per planned change in apply order (not-reviewed changes are `skipped`);
 *   `leftOver` is what a plan recomputed from a fresh reading still wants
 *   (empty = converged), unless `recheckError` says the re-read failed.
 */
export type ApplyCommandResult =
  | { readonly kind: "roster-invalid"; readonly issues: readonly RosterIssue[] }
  | {
      readonly kind: "refused";
      readonly organization: string;
      readonly reason: string;
      readonly violations: readonly Violation[];
      readonly notReviewed: readonly Change[];
      readonly plan: Plan;
      readonly issues: readonly RosterIssue[];
    }
  | {
      readonly kind: "applied";
      readonly organization: string;
      readonly plan: Plan;
      readonly result: ApplyResult;
      readonly leftOver: readonly Change[];
      /** Changes of the recomputed plan that nobody reviewed: listed, never applied. */
      readonly notReviewed: readonly Change[];
      /** Why convergence could not be checked, when the re-read failed. */
      readonly recheckError?: string;
      /** Where the live state was saved before the first write; absent when nothing was written. */
      readonly snapshotPath?: string;
      /** Apply was stopped (options.stop): the rest was not sent and the org not read again; run apply again to finish. */
      readonly interrupted?: true;
      readonly issues: readonly RosterIssue[];
    };

/** The snapshot file: the live org as read before apply wrote anything, so a bad apply can be undone by hand. */
export interface LiveSnapshot {
  readonly formatVersion: 1;
  readonly kind: "sentry-roster-snapshot";
  readonly organization: string;
  /** ISO time of the reading. */
  readonly takenAt: string;
  readonly live: LiveState;
}

/**
 * `sentry-roster apply`: plan (roster → live org → plan), refuse before any
 * write when the plan breaks a rule or holds unreviewed changes, save a
 * snapshot, apply through the writer in the safe order, then read the org
 * again and report what is left over. The writer is built only after every
 * check passed (the plan is the dry run: docs/architecture.md#the-pipeline).
 */
export async function applyCommand(options: ApplyCommandOptions, deps: Deps): Promise<ApplyCommandResult> {
  const written = await planAndWrite(options, deps);
  return written.kind === "written" ? confirmConvergence(written, options, deps) : written;
}

/**
 * What apply keeps once the changes are written. The live state they were
 * planned from is not in it: only the re-read is alive while the org is read
 * again, so the peak memory of apply is that of one reading (docs/benchmarks.md).
 */
interface WrittenRun {
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

/**
 * The part of apply before the re-read: plan, refuse, snapshot and write. It
 * returns the final result when nothing is to be read again (invalid roster,
 * refusal, nothing to run, stopped), else the WrittenRun.
 */
async function planAndWrite(options: ApplyCommandOptions, deps: Deps): Promise<ApplyCommandResult | WrittenRun> {
  // A saved plan that cannot be used fails before Sentry is contacted.
  const saved = options.planFile === undefined ? undefined : parsePlanJson(await readPlanFile(options.planFile, deps), options.planFile);
  const planned = await planCommand(
    {
      rosterPath: options.rosterPath,
      connection: options.connection,
      ...(options.org ? { org: options.org } : {}),
      ...(options.defaultOrg ? { defaultOrg: options.defaultOrg } : {}),
    },
    deps,
  );
  if (planned.kind === "roster-invalid") return planned;
  const { plan, desired, live, issues } = planned;
  const organization = plan.organization;
  const refuse = (reason: string, notReviewed: readonly Change[] = []): ApplyCommandResult => ({
    kind: "refused",
    organization,
    reason,
    violations: plan.violations,
    notReviewed,
    plan,
    issues,
  });

  if (plan.violations.length > 0) {
    const count = plan.violations.length;
    return refuse(`the plan breaks ${count === 1 ? "a policy rule" : `${count} policy rules`}; change the roster or its policy and plan again`);
  }

  // One gate for the CLI's saved plan and the Action's plan comment: reviewed changes run, the rest are listed.
  const evidence: ReviewEvidence | undefined =
    options.planFile !== undefined && saved !== undefined ? { savedPlan: saved, source: options.planFile } : options.reviewed;
  const gate = evidence
    ? reviewGate(plan, evidence, {
        tokenMemberId: live.token.memberId,
        teamNames: Object.fromEntries(desired.teams.map((team) => [team.slug, team.name ?? team.slug])),
        members: desired.members,
      })
    : { run: plan.changes, notReviewed: [], refusal: undefined };
  if (gate.refusal) return refuse(gate.refusal);
  const run: readonly Change[] = gate.run;
  const notReviewed: readonly Change[] = gate.notReviewed;

  if (run.length > 0 && options.confirm && !(await options.confirm(plan, orderChanges(run)))) {
    return refuse("cancelled: the plan was not confirmed");
  }

  const notReviewedOutcomes: ChangeOutcome[] = notReviewed.map((change) => ({
    change,
    status: "skipped",
    message: "not reviewed: this change was not in the reviewed plan, so it was not applied",
  }));
  if (run.length === 0) {
    return {
      kind: "applied",
      organization,
      plan,
      result: { outcomes: notReviewedOutcomes, skipped: plan.skipped },
      leftOver: [],
      notReviewed,
      issues,
    };
  }

  const snapshotPath = typeof options.snapshotFile === "function" ? await options.snapshotFile() : options.snapshotFile;
  if (snapshotPath !== undefined) await saveSnapshot(snapshotPath, live, deps);
  const client = openSentry(options.connection, deps, options.stop);
  const writer: SentryWriter = createSentryWriter(client, organization);
  deps.logger.progress(`applying ${run.length} change${run.length === 1 ? "" : "s"} to ${organization}`);
  const applied = await applyPlan(run, writer, {
    live,
    ...(options.stop ? { stop: options.stop } : {}),
    // About twenty progress lines per run, whatever its size.
    onProgress: (done, total) => {
      if (done === total || done % Math.ceil(total / PROGRESS_LINES) === 0) deps.logger.progress(`${done}/${total} changes`);
    },
  });
  const result: ApplyResult = {
    ...applied,
    outcomes: mergeInOrder(applied.outcomes, notReviewedOutcomes),
    skipped: plan.skipped,
  };

  if (options.stop?.aborted) {
    // Stopped: report at once; the next run reads the org afresh and finishes the job.
    return { kind: "applied", organization, plan, result, leftOver: [], notReviewed, ...(snapshotPath === undefined ? {} : { snapshotPath }), interrupted: true, issues };
  }
  const tokenMemberId = live.token.memberId;
  return { kind: "written", organization, plan, desired, tokenMemberId, result, notReviewed, ...(snapshotPath === undefined ? {} : { snapshotPath }), issues, client, writer };
}

/** Reads the org again (twice when the token's user is taken off teams it created) and reports what is left over. */
async function confirmConvergence(written: WrittenRun, options: ApplyCommandOptions, deps: Deps): Promise<ApplyCommandResult> {
  const { organization, plan, desired, tokenMemberId, notReviewed, snapshotPath, issues, client, writer } = written;
  let result = written.result;
  let recheck = await recheckConvergence(desired, organization, client, deps, options.connection.token);
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
    recheck = await recheckConvergence(desired, organization, client, deps, options.connection.token, { quiet: true });
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

/** Whether an apply did all it planned: applied every change, nothing left over, and convergence confirmed. */
export function applyCommandSucceeded(result: ApplyCommandResult): boolean {
  if (result.kind !== "applied") return false;
  return (
    result.interrupted === undefined &&
    result.recheckError === undefined &&
    result.leftOver.length === 0 &&
    result.result.outcomes.every((outcome) => outcome.status === "applied")
  );
}

/** Reads --plan FILE; a missing or unreadable file is one clear line, before Sentry is written to. */
async function readPlanFile(path: string, deps: Deps): Promise<string> {
  try {
    return await deps.readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const why = code === "ENOENT" ? "does not exist: save a plan with \"sentry-roster plan --out FILE\"" : `cannot be read (${describeError(error)})`;
    throw new PlanFileError(path, why, { cause: error });
  }
}

async function saveSnapshot(path: string, live: LiveState, deps: Deps): Promise<void> {
  const snapshot: LiveSnapshot = {
    formatVersion: 1,
    kind: "sentry-roster-snapshot",
    organization: live.organization,
    takenAt: new Date(deps.now()).toISOString(),
    live,
  };
  await deps.writeFile(path, `${JSON.stringify(snapshot, null, 2)}\n`);
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

/** Outcomes of the run and of not-reviewed changes, together in apply order. */
function mergeInOrder(ran: readonly ChangeOutcome[], notRun: readonly ChangeOutcome[]): ChangeOutcome[] {
  if (notRun.length === 0) return [...ran];
  const byChange = new Map([...ran, ...notRun].map((outcome) => [outcome.change, outcome]));
  return orderChanges([...byChange.keys()]).map((change) => byChange.get(change) as ChangeOutcome);
}

/** Text for the front ends: the result on stdout, roster problems and refusals' reasons on stderr. */
export interface FormattedApplyResult {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Renders an apply result for the CLI: the report (text or --json) on stdout;
 * roster issues on stderr. A refusal is a result too, printed on stdout with
 * a one-line summary on stderr so it is seen even with stdout redirected.
 */
export function formatApplyCommandResult(result: ApplyCommandResult, options: { readonly json: boolean; readonly color: boolean }): FormattedApplyResult {
  switch (result.kind) {
    case "roster-invalid":
      return { stdout: "", stderr: formatRosterIssues(result.issues) };
    case "refused": {
      const refusal = { organization: result.organization, reason: result.reason, violations: result.violations, notReviewed: result.notReviewed };
      return {
        stdout: options.json ? toApplyRefusalJson(refusal) : renderApplyRefusal(refusal),
        stderr: `${warningsOf(result.issues)}apply refused: ${result.reason}\n`,
      };
    }
    case "applied": {
      const report: ApplyReport = {
        organization: result.organization,
        result: result.result,
        leftOver: result.leftOver,
        ...(result.snapshotPath === undefined ? {} : { snapshotPath: result.snapshotPath }),
        ...(result.recheckError === undefined ? {} : { recheckError: result.recheckError }),
        ...(result.interrupted ? { interrupted: true } : {}),
      };
      return {
        stdout: options.json ? toApplyReportJson(report) : renderApplyReport(report, { color: options.color }),
        stderr: warningsOf(result.issues),
      };
    }
  }
}

/** The plan as a person reviews it before confirming. */
export function formatPlanForReview(plan: Plan, options: { readonly color: boolean }): string {
  return renderPlanText(plan, options);
}

function warningsOf(issues: readonly RosterIssue[]): string {
  return issues.length > 0 ? formatRosterIssues(issues) : "";
}
