import { applyPlan } from "../apply/apply-plan.js";
import { orderChanges } from "../apply/order-changes.js";
import type { SentryWriter } from "../apply/ports.js";
import type { DesiredState, LiveState } from "../domain/types.js";
import type { ApplyResult, ChangeOutcome } from "../plan/outcome.js";
import { PlanFileError } from "../plan/errors.js";
import { parsePlanJson } from "../plan/plan-json.js";
import type { Change, Plan } from "../plan/plan.js";
import { type ReviewEvidence, reviewGate } from "../plan/review-gate.js";
import { createSentryWriter } from "../sentry/writer.js";
import { confirmConvergence, type WrittenRun } from "./apply-confirm.js";
import { saveSnapshot } from "./apply-snapshot.js";
import type { ApplyCommandResult } from "./apply-result.js";
import type { Deps, SentryConnection } from "./deps.js";
import { describeError } from "./describe-error.js";
import { planCommand } from "./plan.js";
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
 * `sentry-roster apply`: plan (roster → live org → plan), refuse before any
 * write when the plan breaks a rule or holds unreviewed changes, save a
 * snapshot, apply through the writer in the safe order, then read the org
 * again and report what is left over. The writer is built only after every
 * check passed (the plan is the dry run: docs/architecture.md#the-pipeline).
 */
export async function applyCommand(options: ApplyCommandOptions, deps: Deps): Promise<ApplyCommandResult> {
  const written = await planAndWrite(options, deps);
  return written.kind === "written" ? confirmConvergence(written, options.connection.token, deps) : written;
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
  // One gate for the CLI's saved plan and the Action's plan comment: reviewed changes run, the rest are listed.
  const evidence: ReviewEvidence | undefined =
    options.planFile !== undefined && saved !== undefined ? { savedPlan: saved, source: options.planFile } : options.reviewed;
  const gated = await gateChanges(plan, desired, live, evidence, options.confirm);
  if ("refusal" in gated) {
    const { reason, notReviewed } = gated.refusal;
    return { kind: "refused", organization, reason, violations: plan.violations, notReviewed, plan, issues };
  }
  const { run, notReviewed } = gated;
  const notReviewedOutcomes: ChangeOutcome[] = notReviewed.map((change) => ({
    change,
    status: "skipped",
    message: "not reviewed: this change was not in the reviewed plan, so it was not applied",
  }));
  if (run.length === 0) {
    return { kind: "applied", organization, plan, result: { outcomes: notReviewedOutcomes, skipped: plan.skipped }, leftOver: [], notReviewed, issues };
  }

  const snapshotPath = typeof options.snapshotFile === "function" ? await options.snapshotFile() : options.snapshotFile;
  if (snapshotPath !== undefined) await saveSnapshot(snapshotPath, live, deps);
  const saidWhere = snapshotPath === undefined ? {} : { snapshotPath };
  const client = openSentry(options.connection, deps, options.stop);
  const writer: SentryWriter = createSentryWriter(client, organization);
  const applied = await writeChanges(run, writer, live, options.stop, deps);
  const result: ApplyResult = { ...applied, outcomes: mergeInOrder(applied.outcomes, notReviewedOutcomes), skipped: plan.skipped };
  if (options.stop?.aborted) {
    // Stopped: report at once; the next run reads the org afresh and finishes the job.
    return { kind: "applied", organization, plan, result, leftOver: [], notReviewed, ...saidWhere, interrupted: true, issues };
  }
  const tokenMemberId = live.token.memberId;
  return { kind: "written", organization, plan, desired, tokenMemberId, result, notReviewed, ...saidWhere, issues, client, writer };
}

/**
 * The checks between a plan and its first write: policy violations, the
 * review gate (docs/cli.md, docs/action.md) and the person's confirmation.
 * Either what runs and what was not reviewed, or why nothing runs.
 */
async function gateChanges(
  plan: Plan,
  desired: DesiredState,
  live: LiveState,
  evidence: ReviewEvidence | undefined,
  confirm: ApplyCommandOptions["confirm"],
): Promise<{ readonly run: readonly Change[]; readonly notReviewed: readonly Change[] } | { readonly refusal: { readonly reason: string; readonly notReviewed: readonly Change[] } }> {
  if (plan.violations.length > 0) {
    const count = plan.violations.length;
    const reason = `the plan breaks ${count === 1 ? "a policy rule" : `${count} policy rules`}; change the roster or its policy and plan again`;
    return { refusal: { reason, notReviewed: [] } };
  }
  const gate = evidence
    ? reviewGate(plan, evidence, {
        tokenMemberId: live.token.memberId,
        teamNames: Object.fromEntries(desired.teams.map((team) => [team.slug, team.name ?? team.slug])),
        members: desired.members,
      })
    : { run: plan.changes, notReviewed: [], refusal: undefined };
  if (gate.refusal) return { refusal: { reason: gate.refusal, notReviewed: [] } };
  if (gate.run.length > 0 && confirm && !(await confirm(plan, orderChanges(gate.run)))) {
    return { refusal: { reason: "cancelled: the plan was not confirmed", notReviewed: [] } };
  }
  return { run: gate.run, notReviewed: gate.notReviewed };
}

/** Sends the changes through the writer in apply order, with about PROGRESS_LINES progress lines. */
function writeChanges(run: readonly Change[], writer: SentryWriter, live: LiveState, stop: AbortSignal | undefined, deps: Deps): Promise<ApplyResult> {
  deps.logger.progress(`applying ${run.length} change${run.length === 1 ? "" : "s"} to ${live.organization}`);
  return applyPlan(run, writer, {
    live,
    ...(stop ? { stop } : {}),
    onProgress: (done, total) => {
      if (done === total || done % Math.ceil(total / PROGRESS_LINES) === 0) deps.logger.progress(`${done}/${total} changes`);
    },
  });
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

/** Outcomes of the run and of not-reviewed changes, together in apply order. */
function mergeInOrder(ran: readonly ChangeOutcome[], notRun: readonly ChangeOutcome[]): ChangeOutcome[] {
  if (notRun.length === 0) return [...ran];
  const byChange = new Map([...ran, ...notRun].map((outcome) => [outcome.change, outcome]));
  return orderChanges([...byChange.keys()]).map((change) => byChange.get(change) as ChangeOutcome);
}

