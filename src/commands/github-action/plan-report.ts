/**
 * What the validate, plan and drift modes report, decided from their results
 * without I/O (report-effects.ts describes the value; perform-report.ts
 * carries it out).
 */
import { createPatch } from "diff";
import { ISSUE_SEVERITY, type RosterIssue } from "../../domain/roster-issue.js";
import { countDrift, type DriftCount } from "../../plan/drift-count.js";
import { toPlanJson } from "../../plan/plan-json.js";
import type { Plan } from "../../plan/plan.js";
import { driftHeadline } from "../../render/drift-headline.js";
import { renderDriftCleared, renderDriftIssue } from "../../render/drift-issue.js";
import { renderDiffMarkdown } from "../../render/markdown.js";
import { renderPlanComment, renderPlanMarkdown } from "../../render/plan-comment.js";
import { renderRosterIssuesComment } from "../../render/roster-issues-comment.js";
import { plural } from "../../render/vocabulary.js";
import { writeRoster } from "../../roster/write-roster.js";
import type { PlanCommandResult } from "../plan.js";
import type { ActionRequest, ActionRunOutputs } from "./action-types.js";
import { commentsWanted, runUrl } from "./report.js";
import { type ActionReport, errorAnnotations, fitSummary, type ReportEffect, rosterIssueEffects } from "./report-effects.js";

/** Size of the job summary when the full plan would pass GitHub's 1 MiB per step. */
export const SHORT_SUMMARY_CHARS = 200_000;

/** Validate mode, said before reading the roster: why only validation runs, when the mode fell back from plan. */
export function validateOnlyNotes(request: ActionRequest): ReportEffect[] {
  return request.validateOnlyReason ? [{ kind: "annotate", level: "notice", message: request.validateOnlyReason }] : [];
}

/** Validate mode: the roster's issues, a summary line and the verdict. */
export function buildValidateReport(request: ActionRequest, issues: readonly RosterIssue[]): ActionReport {
  const errors = issues.filter((issue) => issue.severity === ISSUE_SEVERITY.Error).length;
  const verdict = errors > 0 ? `${request.rosterPath} has ${plural(errors, "error")}` : `${request.rosterPath} is valid`;
  const why = request.validateOnlyReason ? `\n\n${request.validateOnlyReason}` : "";
  return {
    effects: [...rosterIssueEffects(issues), { kind: "summary", markdown: `### Sentry roster validation\n\n**${verdict}.**${why}\n` }],
    outputs: {},
    verdict: { ok: errors === 0, message: errors > 0 ? `${verdict}; see the annotations` : verdict },
    reportFailure: "replace",
  };
}

/** What a plan or drift report is built from: planCommand's result, and in drift mode the roster's text for the adopt diff. */
export interface PlanReportInput {
  readonly request: ActionRequest;
  readonly planned: PlanCommandResult;
  /** The roster as committed (drift mode): the summary shows how to change it to match Sentry. */
  readonly rosterText?: string;
}

/**
 * Plan and drift modes: the roster's warnings or errors, the plan file, the
 * summary, the sticky comment on a pull request (plan mode), violations, the
 * drift issue (drift mode), the outputs and the verdict.
 */
export function buildPlanReport(input: PlanReportInput): ActionReport {
  const { request, planned } = input;
  const drift = request.mode === "drift";
  const pullRequest = request.github.pullRequest;
  const comment = pullRequest !== undefined && commentsWanted(request) && !drift ? pullRequest.number : undefined;
  const common = { runUrl: runUrl(request.github), ...(pullRequest ? { sha: pullRequest.headSha } : {}) };
  const effects: ReportEffect[] = rosterIssueEffects(planned.issues);
  if (planned.kind === "roster-invalid") {
    if (comment !== undefined) {
      const organization = request.organization ?? "unknown";
      effects.push({ kind: "sticky-comment", pullRequest: comment, comment: renderRosterIssuesComment(request.rosterPath, planned.issues, { ...common, organization }) });
    }
    return { effects, outputs: {}, verdict: { ok: false, message: `${request.rosterPath} is invalid; see the annotations` }, reportFailure: "replace" };
  }

  const plan = planned.plan;
  if (request.planFile) effects.push({ kind: "plan-file", path: request.planFile, json: toPlanJson(plan) });
  const options = { ...common, rosterIssues: planned.issues, purpose: drift ? ("drift" as const) : ("plan" as const) };
  let summary = fitSummary(renderPlanMarkdown(plan, options), () => shortenedSummary(plan, options, request.planFile));
  if (drift && input.rosterText !== undefined && (plan.changes.length > 0 || plan.drift.length > 0)) {
    const exported = writeRoster(planned.live, { organization: plan.organization });
    const patch = createPatch(request.rosterPath, input.rosterText, exported, "roster in git", "live Sentry org", { context: 2 });
    summary += `\n${renderDiffMarkdown("To adopt the live org instead, change the roster like this", patch)}\n`;
  }
  effects.push({ kind: "summary", markdown: summary });
  if (comment !== undefined) {
    effects.push({
      kind: "sticky-comment",
      pullRequest: comment,
      comment: renderPlanComment(plan, options),
      group: "Post the plan comment",
      onFailure: { line: `could not post the plan comment on #${comment}`, annotate: false },
    });
  }
  effects.push(...errorAnnotations(plan.violations.map((violation) => violation.message)));
  const differs = countDrift(plan);
  if (drift && request.driftIssue && request.github.token !== "") effects.push(driftIssueEffect(plan, differs, request));
  // Without the comment there is nothing to review, so the merge would apply nothing: its failure is the verdict.
  return { effects, outputs: planOutputs(plan, differs, request.planFile), verdict: planVerdict(plan, differs, request), reportFailure: "replace" };
}

function driftIssueEffect(plan: Plan, differs: DriftCount, request: ActionRequest): ReportEffect {
  const url = runUrl(request.github);
  return {
    kind: "drift-issue",
    issue: differs.total > 0 ? renderDriftIssue(plan, request.rosterPath, { runUrl: url }) : undefined,
    closingComment: renderDriftCleared(request.rosterPath, url),
    group: "Update the drift issue",
    onFailure: { line: "could not update the drift issue", annotate: true },
  };
}

function planOutputs(plan: Plan, differs: DriftCount, planFile: string | undefined): ActionRunOutputs {
  return {
    hasChanges: plan.changes.length > 0,
    changes: plan.changes.length,
    skipped: plan.skipped.length,
    drift: differs.total,
    hasDrift: differs.total > 0,
    digest: plan.digest,
    ...(planFile ? { planFile } : {}),
  };
}

/** Refused by a policy rule, failed on drift (fail-on-drift), or passed with its counts. */
function planVerdict(plan: Plan, differs: DriftCount, request: ActionRequest): ActionReport["verdict"] {
  const drift = request.mode === "drift";
  if (plan.violations.length > 0) {
    return { ok: false, message: `the plan is refused: ${plan.violations.map((violation) => violation.message).join("; ")}` };
  }
  if (drift && request.failOnDrift && differs.total > 0) {
    return { ok: false, message: `${driftHeadline(differs).replace("the roster", request.rosterPath)}; see the job summary` };
  }
  const counts = `${plural(plan.changes.length, "change")}, ${plan.skipped.length} skipped, ${plan.drift.length} unmanaged`;
  return { ok: true, message: drift ? `drift report for ${plan.organization}: ${driftHeadline(differs)}` : `plan for ${plan.organization}: ${counts}` };
}

function shortenedSummary(plan: Plan, options: Parameters<typeof renderPlanComment>[1], planFile: string | undefined): string {
  const where = planFile ? "the plan file (output <code>plan-file</code>)" : "the plan JSON (<code>sentry-roster plan --json</code>)";
  const short = renderPlanComment(plan, { ...options, maxChars: SHORT_SUMMARY_CHARS, fullTextAt: where }).text;
  return short.replace(/^<!--.*-->\n+/, "");
}
