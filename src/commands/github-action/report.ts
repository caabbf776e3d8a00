import { ISSUE_SEVERITY, type RosterIssue } from "../../domain/roster-issue.js";
import { MARKER_PREFIX, samePlanComment } from "../../render/comment-marker.js";
import type { FitResult } from "../../render/fit-to-limit.js";
import { renderRosterIssuesMarkdown } from "../../render/plan-comment.js";
import { createGitHubClient, type GitHubClient } from "../../github/octokit.js";
import { readViewerLogin, upsertStickyComment } from "../../github/sticky-comment.js";
import type { ActionGitHub, ActionPlatform, ActionRequest } from "./action-types.js";

// GitHub shows at most 10 errors and 10 warnings per step (github-actions.md §4); the summary lists all.
export const MAX_ANNOTATIONS_PER_LEVEL = 10;
// The job summary upload fails above 1 MiB per step (github-actions.md §4); keep a margin.
export const MAX_SUMMARY_BYTES = 900_000;

/** The first ten errors and ten warnings as annotations on the roster's lines, and every issue in the summary. */
export async function reportRosterIssues(issues: readonly RosterIssue[], request: ActionRequest, platform: ActionPlatform): Promise<void> {
  if (issues.length === 0) return;
  for (const severity of [ISSUE_SEVERITY.Error, ISSUE_SEVERITY.Warning]) {
    for (const issue of issues.filter((entry) => entry.severity === severity).slice(0, MAX_ANNOTATIONS_PER_LEVEL)) {
      platform.annotate(severity, issue.hint ? `${issue.message} (hint: ${issue.hint})` : issue.message, {
        file: issue.file,
        line: issue.line,
        col: issue.col,
      });
    }
  }
  await platform.appendSummary(`#### Roster problems\n\n${renderRosterIssuesMarkdown(issues, request.maskEmails)}\n`);
}

/** Link to this workflow run. */
export function runUrl(github: ActionGitHub): string {
  return `${github.serverUrl.replace(/\/+$/, "")}/${github.owner}/${github.repo}/actions/runs/${github.runId}`;
}

/** Whether this run should write the sticky comment on the PR. */
export function commentsWanted(request: ActionRequest): boolean {
  return request.comment && request.github.token !== "";
}

/** The Octokit for this run. */
export function openGitHub(github: ActionGitHub): GitHubClient {
  return createGitHubClient(github.token, { apiUrl: github.apiUrl, ...(github.fetch ? { fetch: github.fetch } : {}) });
}

/** Creates or updates the sticky comment on a PR, as the token's own user. */
export async function postStickyComment(github: ActionGitHub, number: number, comment: FitResult, platform: ActionPlatform): Promise<void> {
  const client = openGitHub(github);
  const viewer = await readViewerLogin(client);
  const result = await upsertStickyComment(client, { owner: github.owner, repo: github.repo, number }, comment.text, {
    markerPrefix: MARKER_PREFIX,
    viewer,
    sameContent: samePlanComment,
  });
  const did = result.created ? "created" : result.unchanged ? "left unchanged (same plan)" : "updated";
  platform.info(`${did} the plan comment on #${number} (${comment.text.length} characters, ${comment.stage}${comment.idsEmbedded ? "" : ", digest only"})`);
}

/** The summary, shortened when it would pass GitHub's per-step limit. */
export function fitSummary(full: string, shortened: () => string): string {
  return Buffer.byteLength(full, "utf8") <= MAX_SUMMARY_BYTES ? full : shortened();
}
