// How an apply result is printed by the CLI: the report or refusal on
// stdout, roster problems and the refusal's one line on stderr.
import type { RosterIssue } from "../domain/roster-issue.js";
import type { Plan } from "../plan/plan.js";
import { renderApplyRefusal, renderApplyReport, toApplyRefusalJson, toApplyReportJson, type ApplyReport } from "../render/apply-report.js";
import { renderPlanText } from "../render/plan-text.js";
import { formatRosterIssues } from "../render/roster-issues.js";
import type { ApplyCommandResult } from "./apply-result.js";

/** Text for the front ends: the result on stdout, roster problems and refusals' reasons on stderr. */
export interface FormattedApplyResult {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Renders an apply result for the CLI: the report (text or --json) on stdout;
 * roster issues on stderr. A refusal is a result too, printed on stdout with
 * a one-line summary on stderr so it is seen even with stdout redirected.
 */
export function formatApplyCommandResult(result: ApplyCommandResult, options: { readonly json: boolean; readonly color: boolean }): FormattedApplyResult {
  switch (result.kind) {
    case "roster-invalid":
      return { stdout: "", stderr: formatRosterIssues(result.issues) };
    case "refused": {
      const refusal = { organization: result.organization, reason: result.reason, violations: result.violations, notReviewed: result.notReviewed };
      return {
        stdout: options.json ? toApplyRefusalJson(refusal) : renderApplyRefusal(refusal),
        stderr: `${warningsOf(result.issues)}apply refused: ${result.reason}\n`,
      };
    }
    case "applied": {
      const report: ApplyReport = {
        organization: result.organization,
        result: result.result,
        leftOver: result.leftOver,
        ...(result.snapshotPath === undefined ? {} : { snapshotPath: result.snapshotPath }),
        ...(result.recheckError === undefined ? {} : { recheckError: result.recheckError }),
        ...(result.interrupted ? { interrupted: true } : {}),
      };
      return {
        stdout: options.json ? toApplyReportJson(report) : renderApplyReport(report, { color: options.color }),
        stderr: warningsOf(result.issues),
      };
    }
  }
}

/** The plan as a person reviews it before confirming. */
export function formatPlanForReview(plan: Plan, options: { readonly color: boolean }): string {
  return renderPlanText(plan, options);
}

function warningsOf(issues: readonly RosterIssue[]): string {
  return issues.length > 0 ? formatRosterIssues(issues) : "";
}
