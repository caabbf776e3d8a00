import { ISSUE_SEVERITY } from "../../domain/roster-issue.js";
import { sameEmail } from "../../domain/identity.js";
import type { DesiredState } from "../../domain/types.js";
import { appendToLogComment } from "../../github/log-comment.js";
import { findMergedPullRequest, type MergedPullRequest } from "../../github/merged-pr.js";
import { listPullRequestReviews } from "../../github/reviews.js";
import { findStickyComment, readViewerLogin } from "../../github/sticky-comment.js";
import { countOutcomes, type ApplyResult } from "../../plan/outcome.js";
import { toPlanJson } from "../../plan/plan-json.js";
import type { Change, Plan } from "../../plan/plan.js";
import type { ReviewEvidence } from "../../plan/review-gate.js";
import { APPLY_LOG_PREFIX, renderApplyLogEntry, renderApplyLogHead } from "../../render/apply-log.js";
import { MARKER_PREFIX, parseMarker, type CommentMarker } from "../../render/comment-marker.js";
import { MAX_COMMENT_CHARS } from "../../render/fit-to-limit.js";
import { renderApplyComment, renderApplyMarkdown, type ApplyCommentOptions } from "../../render/apply-comment.js";
import { applyCommand } from "../apply.js";
import type { ApplyCommandResult } from "../apply-result.js";
import type { Deps } from "../deps.js";
import { describeError } from "../describe-error.js";
import { resolveOrganization } from "../organization.js";
import { validateCommand } from "../validate.js";
import type { ActionPlatform, ActionRequest, ActionRunOutputs, ActionRunResult } from "./action-types.js";
import { judgePlanTrust } from "./plan-trust.js";
import { commentsWanted, fitSummary, openGitHub, publicMarkdown, reportRosterIssues, runUrl } from "./report.js";

/** The reviewed plan found on the merged PR, or why there is none, or why the one found is refused. */
interface ReviewSource {
  readonly pullRequest: MergedPullRequest | undefined;
  readonly marker: CommentMarker | undefined;
  /** Why no reviewed plan is available, when it is not (require-reviewed-plan decides what follows). */
  readonly missing: string | undefined;
  /** Why the plan comment found is not what was approved: nothing is applied, whatever the inputs. */
  readonly refusal: string | undefined;
}

/**
 * Apply on push to the default branch: find the merged PR of the commit, read
 * the reviewed change ids (or digest) from its plan comment once the comment
 * is trusted (plan-trust.ts), recompute, and apply only reviewed changes.
 * Unreviewed changes are listed and fail the run; with no reviewed plan and
 * require-reviewed-plan, nothing is applied. The outcome goes to the job
 * summary and is appended to the PR's apply-log comment; the plan comment is
 * never changed.
 */
export async function applyOnMerge(request: ActionRequest, platform: ActionPlatform, deps: Deps): Promise<ActionRunResult> {
  const connection = request.sentry;
  if (!connection) return { ok: false, message: "sentry-token is empty: apply needs a Sentry token with member:admin and team:write", outputs: {} };
  const roster = await platform.group("Validate the roster", () => validateCommand(request.rosterPath, deps));
  if (!roster.desired) {
    await reportRosterIssues(roster.issues, platform);
    const errors = roster.issues.filter((issue) => issue.severity === ISSUE_SEVERITY.Error).length;
    return { ok: false, message: `${request.rosterPath} has ${errors} error${errors === 1 ? "" : "s"}; nothing was applied`, outputs: {} };
  }
  const organization = resolveOrganization({ flag: request.organization, roster: roster.desired.organization }, request.rosterPath);
  const source = await platform.group("Find the reviewed plan", () => findReviewedPlan(request, organization, platform));
  if (source.refusal) platform.annotate("error", source.refusal);
  else if (source.missing) platform.annotate(request.requireReviewedPlan ? "error" : "warning", source.missing);

  const result = await platform.group("Apply", () =>
    applyCommand(
      {
        rosterPath: request.rosterPath,
        connection,
        ...(request.organization ? { org: request.organization } : {}),
        ...reviewedOption(source, request.requireReviewedPlan),
        ...(request.snapshotFile ? { snapshotFile: request.snapshotFile } : {}),
        ...(request.stop ? { stop: request.stop } : {}),
      },
      deps,
    ),
  );
  if (result.kind === "roster-invalid") {
    await reportRosterIssues(result.issues, platform);
    return { ok: false, message: `${request.rosterPath} is invalid; nothing was applied`, outputs: {} };
  }
  await reportRosterIssues(result.issues.filter((issue) => issue.severity === ISSUE_SEVERITY.Warning), platform);
  return reportApply(result, source, roster.desired, request, platform, deps);
}

/** What applyCommand may run: nothing when the comment was refused or is missing under require-reviewed-plan. */
function reviewedOption(source: ReviewSource, requireReviewedPlan: boolean): { readonly reviewed?: ReviewEvidence } {
  if (source.refusal) return { reviewed: { ids: [] } };
  if (source.marker) return { reviewed: source.marker.ids ? { ids: source.marker.ids } : { digest: source.marker.digest } };
  return requireReviewedPlan ? { reviewed: { ids: [] } } : {};
}

/** Summary, annotations, the apply-log entry on the PR, outputs and the verdict of an apply that got as far as a plan. */
async function reportApply(
  result: Exclude<ApplyCommandResult, { kind: "roster-invalid" }>,
  source: ReviewSource,
  desired: DesiredState,
  request: ActionRequest,
  platform: ActionPlatform,
  deps: Deps,
): Promise<ActionRunResult> {
  const plan = result.plan;
  if (request.planFile) await deps.writeFile(request.planFile, toPlanJson(plan));
  const notReviewed = result.notReviewed;
  const notReviewedIds = new Set(notReviewed.map((change) => change.id));
  const applyResult: ApplyResult | undefined =
    result.kind === "applied" ? { ...result.result, outcomes: result.result.outcomes.filter((outcome) => !notReviewedIds.has(outcome.change.id)) } : undefined;
  const nothingReviewed = source.missing !== undefined && request.requireReviewedPlan && plan.changes.length > 0;
  const refusedBecause =
    result.kind === "refused" ? result.reason : (source.refusal ?? (nothingReviewed ? `${source.missing}; require-reviewed-plan is true` : undefined));

  const options: ApplyCommentOptions = {
    runUrl: runUrl(request.github),
    sha: request.github.sha,
    notReviewed,
    ...(refusedBecause ? { refusedBecause } : {}),
  };
  annotateFailures(applyResult, desired, request, platform);
  for (const violation of plan.violations) platform.annotate("error", violation.message);
  await platform.appendSummary(fitSummary(renderApplyMarkdown(plan, applyResult, options), () => renderApplyComment(plan, applyResult, { ...options, maxChars: 200_000 }).text));
  const entry = renderApplyLogEntry({
    organization: plan.organization,
    at: new Date(deps.now()).toISOString(),
    runUrl: runUrl(request.github),
    sha: request.github.sha,
    result: applyResult,
    notReviewed,
    refusedBecause,
  });
  const reportError = source.pullRequest && commentsWanted(request) ? await appendApplyLog(source.pullRequest, entry, request, platform) : undefined;

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
  const outcome = verdict(plan, counts, notReviewed, refusedBecause, result.kind === "applied" ? result : undefined);
  return reportError ? { ok: false, message: `${outcome.message}; ${reportError}`, outputs } : { ...outcome, outputs };
}

/** Appends this run's entry to the PR's apply-log comment; the error line when that failed. */
async function appendApplyLog(pullRequest: MergedPullRequest, entry: string, request: ActionRequest, platform: ActionPlatform): Promise<string | undefined> {
  // Sentry may have been written to by now: a failed report must not hide the outcome or the outputs.
  return platform.group("Report on the pull request", async () => {
    try {
      const client = openGitHub(request.github);
      const viewer = await readViewerLogin(client);
      const issue = { owner: request.github.owner, repo: request.github.repo, number: pullRequest.number };
      const written = await appendToLogComment(client, issue, { head: renderApplyLogHead(), text: publicMarkdown(request, entry) }, { markerPrefix: APPLY_LOG_PREFIX, viewer, maxChars: MAX_COMMENT_CHARS });
      platform.info(`${written.created ? "started" : "appended to"} the apply log on #${pullRequest.number}`);
      return undefined;
    } catch (error) {
      const message = `could not write the outcome to pull request #${pullRequest.number}: ${describeError(error)}`;
      platform.annotate("error", message);
      return message;
    }
  });
}

function verdict(
  plan: Plan,
  counts: ReturnType<typeof countOutcomes>,
  notReviewed: readonly Change[],
  refusedBecause: string | undefined,
  applied: { readonly leftOver: readonly Change[]; readonly recheckError?: string; readonly interrupted?: true } | undefined,
): Omit<ActionRunResult, "outputs"> {
  if (refusedBecause) return { ok: false, message: `nothing was applied: ${refusedBecause}` };
  const problems = [
    counts.failed > 0 ? `${counts.failed} failed` : "",
    counts["not-run"] > 0 ? `${counts["not-run"]} not run` : "",
    notReviewed.length > 0 ? `${notReviewed.length} not reviewed (not applied)` : "",
    applied?.recheckError ?? "",
    applied?.interrupted ? "the job was cancelled: nothing more was sent; re-run the job to finish" : "",
  ].filter(Boolean);
  const summary = `applied ${counts.applied} of ${plan.changes.length} change${plan.changes.length === 1 ? "" : "s"} to ${plan.organization}`;
  return problems.length > 0 ? { ok: false, message: `${summary}; ${problems.join(", ")}` } : { ok: true, message: summary };
}

async function findReviewedPlan(request: ActionRequest, organization: string, platform: ActionPlatform): Promise<ReviewSource> {
  const none = (missing: string, pullRequest?: MergedPullRequest): ReviewSource => ({ pullRequest, marker: undefined, missing, refusal: undefined });
  if (!request.github.token) return none("no github-token: cannot read the reviewed plan from the merged pull request");
  const client = openGitHub(request.github);
  const { owner, repo, sha } = request.github;
  const pullRequest = await findMergedPullRequest(client, { owner, repo, sha });
  if (!pullRequest) return none(`no reviewed plan: commit ${sha.slice(0, 12)} is neither the merge commit nor the head of a merged pull request`);
  const viewer = await readViewerLogin(client);
  const search = await findStickyComment(client, { owner, repo, number: pullRequest.number }, { markerPrefix: MARKER_PREFIX, viewer });
  for (const untrusted of search.untrusted) platform.annotate("warning", `ignored a plan comment on #${pullRequest.number}: ${untrusted.reason}`);
  const comment = search.comment;
  const marker = comment ? parseMarker(comment.body) : undefined;
  if (!comment || !marker) {
    const why = search.untrusted.length > 0 ? "its only plan comments are not trusted" : "it has no plan comment from this Action";
    return none(`no reviewed plan: pull request #${pullRequest.number} ${why}`, pullRequest);
  }
  if (marker.org !== organization) {
    return none(`no reviewed plan: the plan comment on #${pullRequest.number} is for organization "${marker.org}", not "${organization}"`, pullRequest);
  }
  const trust = judgePlanTrust({
    markerSha: marker.sha,
    commentUpdatedAt: comment.updatedAt,
    pullRequest,
    reviews: await listPullRequestReviews(client, { owner, repo, number: pullRequest.number }),
    requireApproval: request.requireApproval,
  });
  if (!trust.trusted) return { pullRequest, marker: undefined, missing: undefined, refusal: trust.refusal };
  const approval = trust.approvedAt ? `approved at ${trust.approvedAt}` : "no approving review";
  platform.info(`reviewed plan: #${pullRequest.number}, ${marker.ids ? `${marker.ids.length} change ids` : "digest only"}, ${approval}`);
  return { pullRequest, marker, missing: undefined, refusal: undefined };
}

/** Annotates each failed change on its member's roster line. */
function annotateFailures(result: ApplyResult | undefined, desired: DesiredState, request: ActionRequest, platform: ActionPlatform): void {
  for (const outcome of result?.outcomes ?? []) {
    if (outcome.status !== "failed") continue;
    const change = outcome.change;
    const member = change.action === "create-team" ? undefined : desired.members.find((entry) => sameEmail(entry.email, change.email));
    const team = change.action === "create-team" ? desired.teams.find((entry) => entry.slug === change.team) : undefined;
    const position = member?.position ?? team?.position;
    const subject = change.action === "create-team" ? `team ${change.team}` : change.email;
    const message = `${change.action} ${subject} failed: ${outcome.message ?? "unknown error"}`;
    platform.annotate("error", message, position ? { file: request.rosterPath, line: position.line, col: position.col } : undefined);
  }
}
