import { ISSUE_SEVERITY, type RosterIssue } from "../../domain/roster-issue.js";
import { MARKER_PREFIX, samePlanComment } from "../../render/comment-marker.js";
import type { FitResult } from "../../render/fit-to-limit.js";
import { renderRosterIssuesMarkdown } from "../../render/roster-issues-comment.js";
import { maskEmailsInMarkdown, maskEmailsInText } from "../../render/vocabulary.js";
import { createGitHubClient, type GitHubClient } from "../../github/octokit.js";
import { readViewerLogin, upsertStickyComment } from "../../github/sticky-comment.js";
import type { ActionGitHub, ActionPlatform, ActionRequest } from "./action-types.js";

// GitHub shows at most 10 errors and 10 warnings per step; the summary lists all.
export const MAX_ANNOTATIONS_PER_LEVEL = 10;
// The job summary upload fails above 1 MiB per step; keep a margin.
export const MAX_SUMMARY_BYTES = 900_000;

/** The first ten errors and ten warnings as annotations on the roster's lines, and every issue in the summary. */
export async function reportRosterIssues(issues: readonly RosterIssue[], platform: ActionPlatform): Promise<void> {
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
  await platform.appendSummary(`#### Roster problems\n\n${renderRosterIssuesMarkdown(issues)}\n`);
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

/**
 * The output boundary of the Action: with mask-emails, every finished text
 * that leaves the run (comments, summary, annotations, log lines, the failure
 * message) is masked here and nowhere else; renderers write emails in full.
 */
export function publicMarkdown(request: ActionRequest, markdown: string): string {
  return request.maskEmails ? maskEmailsInMarkdown(markdown) : markdown;
}

/** Plain text (annotations, log lines) as the boundary lets it out; see publicMarkdown(). */
export function publicText(request: ActionRequest, text: string): string {
  return request.maskEmails ? maskEmailsInText(text) : text;
}

/** The platform with every text it is given passed through the output boundary. */
export function publicPlatform(request: ActionRequest, platform: ActionPlatform): ActionPlatform {
  if (!request.maskEmails) return platform;
  return {
    annotate: (level, message, where) => platform.annotate(level, maskEmailsInText(message), where),
    info: (message) => platform.info(maskEmailsInText(message)),
    appendSummary: (markdown) => platform.appendSummary(maskEmailsInMarkdown(markdown)),
    group: (name, run) => platform.group(maskEmailsInText(name), run),
  };
}

/** Creates or updates the sticky comment on a PR, as the token's own user. */
export async function postStickyComment(request: ActionRequest, number: number, comment: FitResult, platform: ActionPlatform): Promise<void> {
  const github = request.github;
  const client = openGitHub(github);
  const viewer = await readViewerLogin(client);
  const body = publicMarkdown(request, comment.text);
  const result = await upsertStickyComment(client, { owner: github.owner, repo: github.repo, number }, body, {
    markerPrefix: MARKER_PREFIX,
    viewer,
    sameContent: samePlanComment,
  });
  const did = result.created ? "created" : result.unchanged ? "left unchanged (same plan)" : "updated";
  platform.info(`${did} the plan comment on #${number} (${body.length} characters, ${comment.stage}${comment.idsEmbedded ? "" : ", digest only"})`);
}

/** The summary, shortened when it would pass GitHub's per-step limit. */
export function fitSummary(full: string, shortened: () => string): string {
  return Buffer.byteLength(full, "utf8") <= MAX_SUMMARY_BYTES ? full : shortened();
}
