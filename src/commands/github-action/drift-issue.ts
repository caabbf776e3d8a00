import { editIssue, findOpenIssue, openIssue } from "../../github/issues.js";
import { createComment, readViewerLogin } from "../../github/sticky-comment.js";
import type { DriftCount } from "../../plan/drift-count.js";
import type { Plan } from "../../plan/plan.js";
import { DRIFT_ISSUE_LABEL, renderDriftCleared, renderDriftIssue } from "../../render/drift-issue.js";
import { describeError } from "../describe-error.js";
import type { ActionPlatform, ActionRequest } from "./action-types.js";
import { openGitHub, publicMarkdown, runUrl } from "./report.js";

/**
 * drift-issue: keeps one open issue, labelled DRIFT_ISSUE_LABEL and opened by
 * the token's user, equal to the current drift (docs/action.md#drift). Drift
 * and no issue: open one; drift and an issue: edit it in place; no drift and
 * an issue: comment and close it. Returns the error line when GitHub refused.
 */
export async function syncDriftIssue(plan: Plan, drift: DriftCount, request: ActionRequest, platform: ActionPlatform): Promise<string | undefined> {
  return platform.group("Update the drift issue", async () => {
    try {
      const client = openGitHub(request.github);
      const repo = { owner: request.github.owner, repo: request.github.repo };
      const existing = await findOpenIssue(client, repo, { label: DRIFT_ISSUE_LABEL, viewer: await readViewerLogin(client) });
      if (drift.total === 0) {
        if (!existing) return undefined;
        await createComment(client, { ...repo, number: existing.number }, renderDriftCleared(request.rosterPath, runUrl(request.github)));
        await editIssue(client, repo, existing.number, { state: "closed", stateReason: "completed" });
        platform.info(`closed drift issue #${existing.number}: Sentry matches the roster`);
        return undefined;
      }
      const issue = renderDriftIssue(plan, request.rosterPath, { runUrl: runUrl(request.github) });
      const body = publicMarkdown(request, issue.body);
      if (existing) {
        await editIssue(client, repo, existing.number, { title: issue.title, body });
        platform.info(`updated drift issue #${existing.number}`);
      } else {
        platform.info(`opened drift issue #${await openIssue(client, repo, { title: issue.title, body, labels: [DRIFT_ISSUE_LABEL] })}`);
      }
      return undefined;
    } catch (error) {
      const message = `could not update the drift issue: ${describeError(error)}`;
      platform.annotate("error", message);
      return message;
    }
  });
}
