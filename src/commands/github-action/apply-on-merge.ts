import { findMergedPullRequest, type MergedPullRequest } from "../../github/merged-pr.js";
import { listPullRequestReviews } from "../../github/reviews.js";
import { findStickyComment, readViewerLogin } from "../../github/sticky-comment.js";
import type { ReviewEvidence } from "../../plan/review-gate.js";
import { MARKER_PREFIX, parseMarker } from "../../render/comment-marker.js";
import { applyCommand } from "../apply.js";
import type { Deps } from "../deps.js";
import { resolveOrganization } from "../organization.js";
import { validateCommand } from "../validate.js";
import { buildActionReport } from "./action-report.js";
import type { ActionPlatform, ActionRequest, ActionRunResult } from "./action-types.js";
import { type ReviewSource, reviewSourceNotes } from "./merge-report.js";
import { githubReportPorts, performEffects, performReport } from "./perform-report.js";
import { judgePlanTrust } from "./plan-trust.js";
import { openGitHub } from "./report.js";

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
  const ports = githubReportPorts(request, platform, deps);
  const roster = await platform.group("Validate the roster", () => validateCommand(request.rosterPath, deps));
  if (!roster.desired) return performReport(buildActionReport(request, { kind: "merged", outcome: { kind: "roster-errors", issues: roster.issues } }), ports);
  const desired = roster.desired;
  const organization = resolveOrganization({ flag: request.organization, roster: desired.organization }, request.rosterPath);
  const source = await platform.group("Find the reviewed plan", () => findReviewedPlan(request, organization));
  // Said before applying, so a run that fails on the way still shows why its plan was refused or missing.
  await performEffects(reviewSourceNotes(source, request.requireReviewedPlan), ports);

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
  const outcome =
    result.kind === "roster-invalid"
      ? ({ kind: "roster-invalid", issues: result.issues } as const)
      : ({ kind: "planned", result, source, desired, at: new Date(deps.now()).toISOString() } as const);
  return performReport(buildActionReport(request, { kind: "merged", outcome }), ports);
}

/** What applyCommand may run: nothing when the comment was refused or is missing under require-reviewed-plan. */
function reviewedOption(source: ReviewSource, requireReviewedPlan: boolean): { readonly reviewed?: ReviewEvidence } {
  if (source.refusal) return { reviewed: { ids: [] } };
  if (source.marker) return { reviewed: source.marker.ids ? { ids: source.marker.ids } : { digest: source.marker.digest } };
  return requireReviewedPlan ? { reviewed: { ids: [] } } : {};
}

/** Reads the merged PR, its plan comment and reviews, and says which reviewed plan applies; reviewSourceNotes() reports it. */
async function findReviewedPlan(request: ActionRequest, organization: string): Promise<ReviewSource> {
  let ignored: readonly string[] = [];
  const none = (missing: string, pullRequest?: MergedPullRequest): ReviewSource => ({ pullRequest, marker: undefined, missing, refusal: undefined, ignored, approvedAt: undefined });
  if (!request.github.token) return none("no github-token: cannot read the reviewed plan from the merged pull request");
  const client = openGitHub(request.github);
  const { owner, repo, sha } = request.github;
  const pullRequest = await findMergedPullRequest(client, { owner, repo, sha });
  if (!pullRequest) return none(`no reviewed plan: commit ${sha.slice(0, 12)} is neither the merge commit nor the head of a merged pull request`);
  const viewer = await readViewerLogin(client);
  const search = await findStickyComment(client, { owner, repo, number: pullRequest.number }, { markerPrefix: MARKER_PREFIX, viewer });
  ignored = search.untrusted.map((untrusted) => untrusted.reason);
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
  if (!trust.trusted) return { pullRequest, marker: undefined, missing: undefined, refusal: trust.refusal, ignored, approvedAt: undefined };
  return { pullRequest, marker, missing: undefined, refusal: undefined, ignored, approvedAt: trust.approvedAt };
}
