import type { Plan } from "../plan/plan.js";
import { MAX_COMMENT_CHARS } from "./fit-to-limit.js";
import { type PlanMarkdownOptions, renderPlanComment } from "./plan-comment.js";
import { code } from "./markdown.js";

/** The label that marks the one drift issue; GitHub creates it with the first issue. */
export const DRIFT_ISSUE_LABEL = "sentry-roster-drift";
/** Opens the issue body, so a reader (and a search) can tell what keeps it up to date. */
const DRIFT_ISSUE_MARKER = "<!-- sentry-roster:drift-issue -->";

/** Title and body of the drift issue: the drift report, shortened like a comment to fit GitHub's limit. */
export function renderDriftIssue(plan: Plan, rosterPath: string, options: PlanMarkdownOptions): { readonly title: string; readonly body: string } {
  const report = renderPlanComment(plan, { ...options, purpose: "drift", maxChars: MAX_COMMENT_CHARS }).text.replace(/^<!--.*-->\n+/, "");
  const note = `This issue is kept up to date by the scheduled sentry-roster drift report: edited in place on every run that finds drift, closed when Sentry matches ${code(rosterPath)} again. Fix the drift in Sentry, or change the roster through a pull request.`;
  return {
    title: `Sentry differs from ${rosterPath} (${plan.organization})`,
    body: `${DRIFT_ISSUE_MARKER}\n${report}\n${note}\n`,
  };
}

/** The comment that closes the drift issue. */
export function renderDriftCleared(rosterPath: string, runUrl: string): string {
  return `Sentry matches ${code(rosterPath)} again ([workflow run](${runUrl})); closing.`;
}
