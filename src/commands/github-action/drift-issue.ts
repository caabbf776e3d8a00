import { editIssue, findOpenIssue, openIssue } from "../../github/issues.js";
import { createComment, readViewerLogin } from "../../github/sticky-comment.js";
import { DRIFT_ISSUE_LABEL } from "../../render/drift-issue.js";
import type { ActionPlatform, ActionRequest } from "./action-types.js";
import { openGitHub, publicMarkdown } from "./report.js";
import type { DriftIssueEffect } from "./report-effects.js";

/**
 * drift-issue: keeps one open issue, labelled DRIFT_ISSUE_LABEL and opened by
 * the token's user, equal to the current drift (docs/action.md#drift). Drift
 * and no issue: open one; drift and an issue: edit it in place; no drift and
 * an issue: comment and close it. The texts come finished from the report
 * (plan-report.ts); a failure throws, and the executor reports it.
 */
export async function syncDriftIssue(effect: DriftIssueEffect, request: ActionRequest, platform: ActionPlatform): Promise<void> {
  const client = openGitHub(request.github);
  const repo = { owner: request.github.owner, repo: request.github.repo };
  const existing = await findOpenIssue(client, repo, { label: DRIFT_ISSUE_LABEL, viewer: await readViewerLogin(client) });
  if (!effect.issue) {
    if (!existing) return;
    await createComment(client, { ...repo, number: existing.number }, effect.closingComment);
    await editIssue(client, repo, existing.number, { state: "closed", stateReason: "completed" });
    platform.info(`closed drift issue #${existing.number}: Sentry matches the roster`);
    return;
  }
  const body = publicMarkdown(request, effect.issue.body);
  if (existing) {
    await editIssue(client, repo, existing.number, { title: effect.issue.title, body });
    platform.info(`updated drift issue #${existing.number}`);
  } else {
    platform.info(`opened drift issue #${await openIssue(client, repo, { title: effect.issue.title, body, labels: [DRIFT_ISSUE_LABEL] })}`);
  }
}
