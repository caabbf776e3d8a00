/**
 * What an apply on merge reports, decided from its results without I/O: the
 * notes on the reviewed plan before applying, and after it the summary, the
 * annotations, the apply-log entry on the merged pull request, the outputs
 * and the verdict (report-effects.ts describes the value).
 */
import { sameEmail } from "../../domain/identity.js";
import { ISSUE_SEVERITY, type RosterIssue } from "../../domain/roster-issue.js";
import type { DesiredState } from "../../domain/types.js";
import type { MergedPullRequest } from "../../github/merged-pr.js";
import { countOutcomes, type ApplyResult, type OutcomeStatus } from "../../plan/outcome.js";
import { toPlanJson } from "../../plan/plan-json.js";
import type { Change, Plan } from "../../plan/plan.js";
import { renderApplyComment, renderApplyMarkdown, type ApplyCommentOptions } from "../../render/apply-comment.js";
import { renderApplyLogEntry } from "../../render/apply-log.js";
import type { CommentMarker } from "../../render/comment-marker.js";
import { plural } from "../../render/vocabulary.js";
import type { ApplyCommandResult } from "../apply-result.js";
import type { ActionRequest, ActionRunOutputs } from "./action-types.js";
import { commentsWanted, runUrl } from "./report.js";
import { type ActionReport, type AnnotateEffect, errorAnnotations, fitSummary, type ReportEffect, rosterIssueEffects, type Verdict } from "./report-effects.js";

/** The reviewed plan found on the merged PR, or why there is none, or why the one found is refused. */
export interface ReviewSource {
  readonly pullRequest: MergedPullRequest | undefined;
  readonly marker: CommentMarker | undefined;
  /** Why no reviewed plan is available, when it is not (require-reviewed-plan decides what follows). */
  readonly missing: string | undefined;
  /** Why the plan comment found is not what was approved: nothing is applied, whatever the inputs. */
  readonly refusal: string | undefined;
  /** Why each plan comment passed over was not trusted (written by someone else, edited). */
  readonly ignored: readonly string[];
  /** When the review the trusted plan rests on approved it; undefined without an approving review. */
  readonly approvedAt: string | undefined;
}

/** How far an apply on merge got, and what it found. */
export type MergeOutcome =
  /** The roster has errors: Sentry was not contacted. */
  | { readonly kind: "roster-errors"; readonly issues: readonly RosterIssue[] }
  /** The roster was valid, but apply read it again and found errors. */
  | { readonly kind: "roster-invalid"; readonly issues: readonly RosterIssue[] }
  | {
      readonly kind: "planned";
      readonly result: Exclude<ApplyCommandResult, { kind: "roster-invalid" }>;
      readonly source: ReviewSource;
      readonly desired: DesiredState;
      /** ISO time of the run, for the apply-log entry. */
      readonly at: string;
    };

/**
 * What the search for the reviewed plan found, shown before anything is
 * applied (so a run that fails on the way still says it): each comment
 * passed over, the plan trusted, or why it is refused or missing.
 */
export function reviewSourceNotes(source: ReviewSource, requireReviewedPlan: boolean): ReportEffect[] {
  const pr = source.pullRequest ? `#${source.pullRequest.number}` : "the pull request";
  const notes: ReportEffect[] = source.ignored.map((reason) => ({ kind: "annotate", level: "warning", message: `ignored a plan comment on ${pr}: ${reason}` }));
  if (source.marker) {
    const approval = source.approvedAt ? `approved at ${source.approvedAt}` : "no approving review";
    notes.push({ kind: "log", message: `reviewed plan: ${pr}, ${source.marker.ids ? `${source.marker.ids.length} change ids` : "digest only"}, ${approval}` });
  }
  if (source.refusal) notes.push({ kind: "annotate", level: "error", message: source.refusal });
  else if (source.missing) notes.push({ kind: "annotate", level: requireReviewedPlan ? "error" : "warning", message: source.missing });
  return notes;
}

/** Apply mode after applyCommand (or the validation before it) returned. */
export function buildMergeReport(request: ActionRequest, outcome: MergeOutcome): ActionReport {
  if (outcome.kind !== "planned") {
    const errors = outcome.issues.filter((issue) => issue.severity === ISSUE_SEVERITY.Error).length;
    const message =
      outcome.kind === "roster-errors" ? `${request.rosterPath} has ${plural(errors, "error")}; nothing was applied` : `${request.rosterPath} is invalid; nothing was applied`;
    return { effects: rosterIssueEffects(outcome.issues), outputs: {}, verdict: { ok: false, message }, reportFailure: "append" };
  }
  const { result, source } = outcome;
  const plan = result.plan;
  const notReviewed = result.notReviewed;
  const notReviewedIds = new Set(notReviewed.map((change) => change.id));
  const applyResult: ApplyResult | undefined =
    result.kind === "applied" ? { ...result.result, outcomes: result.result.outcomes.filter((entry) => !notReviewedIds.has(entry.change.id)) } : undefined;
  const nothingReviewed = source.missing !== undefined && request.requireReviewedPlan && plan.changes.length > 0;
  const refusedBecause =
    result.kind === "refused" ? result.reason : (source.refusal ?? (nothingReviewed ? `${source.missing}; require-reviewed-plan is true` : undefined));
  const url = runUrl(request.github);
  const options: ApplyCommentOptions = { runUrl: url, sha: request.github.sha, notReviewed, ...(refusedBecause ? { refusedBecause } : {}) };

  const effects: ReportEffect[] = rosterIssueEffects(result.issues.filter((issue) => issue.severity === ISSUE_SEVERITY.Warning));
  if (request.planFile) effects.push({ kind: "plan-file", path: request.planFile, json: toPlanJson(plan) });
  effects.push(...failureAnnotations(applyResult, outcome.desired, request.rosterPath));
  effects.push(...errorAnnotations(plan.violations.map((violation) => violation.message)));
  const summary = fitSummary(renderApplyMarkdown(plan, applyResult, options), () => renderApplyComment(plan, applyResult, { ...options, maxChars: 200_000 }).text);
  effects.push({ kind: "summary", markdown: summary });
  if (source.pullRequest && commentsWanted(request)) {
    const entry = renderApplyLogEntry({ organization: plan.organization, at: outcome.at, runUrl: url, sha: request.github.sha, result: applyResult, notReviewed, refusedBecause });
    const number = source.pullRequest.number;
    // Sentry may have been written to by now: a failed report must not hide the outcome or the outputs.
    effects.push({ kind: "apply-log", pullRequest: number, entry, group: "Report on the pull request", onFailure: { line: `could not write the outcome to pull request #${number}`, annotate: true } });
  }
  const counts = applyResult ? countOutcomes(applyResult) : { applied: 0, failed: 0, skipped: 0, "not-run": 0 };
  const outputs: ActionRunOutputs = {
    hasChanges: plan.changes.length > 0,
    changes: plan.changes.length,
    skipped: plan.skipped.length,
    digest: plan.digest,
    applied: counts.applied,
    failed: counts.failed,
    ...(request.planFile ? { planFile: request.planFile } : {}),
  };
  return { effects, outputs, verdict: mergeVerdict(plan, counts, notReviewed, refusedBecause, result.kind === "applied" ? result : undefined), reportFailure: "append" };
}

/** Each failed change as an error annotation on its member's (or team's) roster line. */
function failureAnnotations(result: ApplyResult | undefined, desired: DesiredState, rosterPath: string): AnnotateEffect[] {
  const annotations: AnnotateEffect[] = [];
  for (const outcome of result?.outcomes ?? []) {
    if (outcome.status !== "failed") continue;
    const change = outcome.change;
    const member = change.action === "create-team" ? undefined : desired.members.find((entry) => sameEmail(entry.email, change.email));
    const team = change.action === "create-team" ? desired.teams.find((entry) => entry.slug === change.team) : undefined;
    const position = member?.position ?? team?.position;
    const subject = change.action === "create-team" ? `team ${change.team}` : change.email;
    const message = `${change.action} ${subject} failed: ${outcome.message ?? "unknown error"}`;
    annotations.push({ kind: "annotate", level: "error", message, ...(position ? { where: { file: rosterPath, line: position.line, col: position.col } } : {}) });
  }
  return annotations;
}

function mergeVerdict(
  plan: Plan,
  counts: Readonly<Record<OutcomeStatus, number>>,
  notReviewed: readonly Change[],
  refusedBecause: string | undefined,
  applied: { readonly recheckError?: string; readonly interrupted?: true } | undefined,
): Verdict {
  if (refusedBecause) return { ok: false, message: `nothing was applied: ${refusedBecause}` };
  const problems = [
    counts.failed > 0 ? `${counts.failed} failed` : "",
    counts["not-run"] > 0 ? `${counts["not-run"]} not run` : "",
    notReviewed.length > 0 ? `${notReviewed.length} not reviewed (not applied)` : "",
    applied?.recheckError ?? "",
    applied?.interrupted ? "the job was cancelled: nothing more was sent; re-run the job to finish" : "",
  ].filter(Boolean);
  const summary = `applied ${counts.applied} of ${plural(plan.changes.length, "change")} to ${plan.organization}`;
  return problems.length > 0 ? { ok: false, message: `${summary}; ${problems.join(", ")}` } : { ok: true, message: summary };
}
