import { ISSUE_SEVERITY } from "../../domain/roster-issue.js";
import { sameEmail } from "../../domain/identity.js";
import type { DesiredState } from "../../domain/types.js";
import { findMergedPullRequest, type MergedPullRequest } from "../../github/merged-pr.js";
import { findStickyComment, readViewerLogin, updateComment } from "../../github/sticky-comment.js";
import { countOutcomes, type ApplyResult } from "../../plan/outcome.js";
import { toPlanJson } from "../../plan/plan-json.js";
import type { Change, Plan } from "../../plan/plan.js";
import type { Reviewed } from "../../plan/reviewed.js";
import { MARKER_PREFIX, parseMarker, type CommentMarker } from "../../render/comment-marker.js";
import { renderApplyComment, renderApplyMarkdown, type ApplyCommentOptions } from "../../render/apply-comment.js";
import { applyCommand } from "../apply.js";
import type { Deps } from "../deps.js";
import { describeError } from "../describe-error.js";
import { resolveOrganization } from "../organization.js";
import { validateCommand } from "../validate.js";
import type { ActionPlatform, ActionRequest, ActionRunOutputs, ActionRunResult } from "./action-types.js";
import { commentsWanted, fitSummary, openGitHub, publicMarkdown, reportRosterIssues, runUrl } from "./report.js";

/** The reviewed plan found on the merged PR, or why there is none. */
interface ReviewSource {
  readonly pullRequest: MergedPullRequest | undefined;
  /** Our trusted comment on that PR, to write the outcome into. */
  readonly commentId: number | undefined;
  readonly marker: CommentMarker | undefined;
  /** Why no reviewed plan is available, when it is not. */
  readonly missing: string | undefined;
}

/**
 * Apply on push to the default branch: find the merged PR of the commit, read
 * the reviewed change ids (or digest) from its trusted sticky comment,
 * recompute, and apply only reviewed changes. Unreviewed changes are listed
 * and fail the run; with no reviewed plan and require-reviewed-plan, nothing
 * is applied. The outcome goes to the PR comment and the job summary.
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
  const reviewed: Reviewed | undefined = source.marker
    ? source.marker.ids
      ? { ids: source.marker.ids }
      : { digest: source.marker.digest }
    : request.requireReviewedPlan
      ? { ids: [] }
      : undefined;
  if (source.missing) platform.annotate(request.requireReviewedPlan ? "error" : "warning", source.missing);

  const result = await platform.group("Apply", () =>
    applyCommand(
      {
        rosterPath: request.rosterPath,
        connection,
        ...(request.organization ? { org: request.organization } : {}),
        ...(reviewed ? { reviewed } : {}),
        ...(request.snapshotFile ? { snapshotFile: request.snapshotFile } : {}),
      },
      deps,
    ),
  );
  if (result.kind === "roster-invalid") {
    await reportRosterIssues(result.issues, platform);
    return { ok: false, message: `${request.rosterPath} is invalid; nothing was applied`, outputs: {} };
  }
  await reportRosterIssues(result.issues.filter((issue) => issue.severity === ISSUE_SEVERITY.Warning), platform);
  const plan = result.plan;
  if (request.planFile) await deps.writeFile(request.planFile, toPlanJson(plan));

  const notReviewed = result.notReviewed;
  const notReviewedIds = new Set(notReviewed.map((change) => change.id));
  const applyResult: ApplyResult | undefined =
    result.kind === "applied" ? { ...result.result, outcomes: result.result.outcomes.filter((outcome) => !notReviewedIds.has(outcome.change.id)) } : undefined;
  const nothingReviewed = source.missing !== undefined && request.requireReviewedPlan && plan.changes.length > 0;
  const refusedBecause =
    result.kind === "refused" ? result.reason : nothingReviewed ? `${source.missing}; require-reviewed-plan is true` : undefined;

  const options: ApplyCommentOptions = {
    runUrl: runUrl(request.github),
    sha: request.github.sha,
    notReviewed,
    ...(source.marker ? { reviewedMarker: source.marker } : {}),
    ...(refusedBecause ? { refusedBecause } : {}),
  };
  annotateFailures(applyResult, roster.desired, request, platform);
  for (const violation of plan.violations) platform.annotate("error", violation.message);
  await platform.appendSummary(fitSummary(renderApplyMarkdown(plan, applyResult, options), () => renderApplyComment(plan, applyResult, { ...options, maxChars: 200_000 }).text));
  let reportError: string | undefined;
  if (source.pullRequest && source.commentId !== undefined && commentsWanted(request)) {
    const commentId = source.commentId;
    const pullRequest = source.pullRequest;
    // Sentry has been written to by now: a failed report must not hide the outcome or the outputs.
    reportError = await platform.group("Report on the pull request", async () => {
      try {
        const body = publicMarkdown(request, renderApplyComment(plan, applyResult, options).text);
        await updateComment(openGitHub(request.github), { owner: request.github.owner, repo: request.github.repo, number: pullRequest.number }, commentId, body);
        platform.info(`wrote the outcome into the plan comment on #${pullRequest.number}`);
        return undefined;
      } catch (error) {
        const message = `could not write the outcome to pull request #${pullRequest.number}: ${describeError(error)}`;
        platform.annotate("error", message);
        return message;
      }
    });
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
  const outcome = verdict(plan, counts, notReviewed, refusedBecause, result.kind === "applied" ? result : undefined);
  return reportError ? { ok: false, message: `${outcome.message}; ${reportError}`, outputs } : { ...outcome, outputs };
}

function verdict(
  plan: Plan,
  counts: ReturnType<typeof countOutcomes>,
  notReviewed: readonly Change[],
  refusedBecause: string | undefined,
  applied: { readonly leftOver: readonly Change[]; readonly recheckError?: string } | undefined,
): Omit<ActionRunResult, "outputs"> {
  if (refusedBecause) return { ok: false, message: `nothing was applied: ${refusedBecause}` };
  const problems = [
    counts.failed > 0 ? `${counts.failed} failed` : "",
    counts["not-run"] > 0 ? `${counts["not-run"]} not run` : "",
    notReviewed.length > 0 ? `${notReviewed.length} not reviewed (not applied)` : "",
    applied?.recheckError ?? "",
  ].filter(Boolean);
  const summary = `applied ${counts.applied} of ${plan.changes.length} change${plan.changes.length === 1 ? "" : "s"} to ${plan.organization}`;
  return problems.length > 0 ? { ok: false, message: `${summary}; ${problems.join(", ")}` } : { ok: true, message: summary };
}

async function findReviewedPlan(request: ActionRequest, organization: string, platform: ActionPlatform): Promise<ReviewSource> {
  const none = (missing: string, pullRequest?: MergedPullRequest): ReviewSource => ({ pullRequest, commentId: undefined, marker: undefined, missing });
  if (!request.github.token) return none("no github-token: cannot read the reviewed plan from the merged pull request");
  const client = openGitHub(request.github);
  const { owner, repo, sha } = request.github;
  const pullRequest = await findMergedPullRequest(client, { owner, repo, sha });
  if (!pullRequest) return none(`no reviewed plan: commit ${sha.slice(0, 12)} has no merged pull request`);
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
    return { pullRequest, commentId: comment.id, marker: undefined, missing: `no reviewed plan: the plan comment on #${pullRequest.number} is for organization "${marker.org}", not "${organization}"` };
  }
  if (marker.sha && marker.sha !== pullRequest.headSha) {
    platform.annotate("warning", `the plan comment on #${pullRequest.number} was computed for ${marker.sha.slice(0, 12)}, not the PR's last commit ${pullRequest.headSha.slice(0, 12)}; only changes it lists are applied`);
  }
  platform.info(`reviewed plan: #${pullRequest.number}, ${marker.ids ? `${marker.ids.length} change ids` : "digest only"}`);
  return { pullRequest, commentId: comment.id, marker, missing: undefined };
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
