import { maskEmailsInMarkdown, maskEmailsInText } from "../../render/vocabulary.js";
import { createGitHubClient, type GitHubClient } from "../../github/octokit.js";
import type { ActionGitHub, ActionPlatform, ActionRequest } from "./action-types.js";

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
