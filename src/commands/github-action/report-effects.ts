/**
 * What an Action run reports, as a value: the effects the executor
 * (perform-report.ts) performs in order, the outputs and the verdict. The
 * builders (action-report.ts and the per-mode files it calls) decide all of
 * it from the run's results and do no I/O; the executor decides nothing
 * (docs/architecture.md#rules-the-code-keeps).
 */
import { ISSUE_SEVERITY, type RosterIssue } from "../../domain/roster-issue.js";
import type { FitResult } from "../../render/fit-to-limit.js";
import { renderRosterIssuesMarkdown } from "../../render/roster-issues-comment.js";
import type { ActionRunOutputs, AnnotationPosition } from "./action-types.js";

// GitHub shows at most 10 errors and 10 warnings per step; the summary lists all.
export const MAX_ANNOTATIONS_PER_LEVEL = 10;
// The job summary upload fails above 1 MiB per step; keep a margin.
export const MAX_SUMMARY_BYTES = 900_000;

/**
 * How a failed write to GitHub is reported: `line` opens the message
 * ("could not post the plan comment on #7"), the error's own line follows;
 * `annotate` also shows it as an error annotation. An effect without it
 * stops the run when it fails (the error reaches runAction's catch).
 */
export interface FailureReport {
  readonly line: string;
  readonly annotate: boolean;
}

/** A workflow annotation. */
export interface AnnotateEffect {
  readonly kind: "annotate";
  readonly level: "error" | "warning" | "notice";
  readonly message: string;
  readonly where?: AnnotationPosition;
}

/** A line in the run's log. */
export interface LogEffect {
  readonly kind: "log";
  readonly message: string;
}

/** Markdown appended to the job summary. */
export interface SummaryEffect {
  readonly kind: "summary";
  readonly markdown: string;
}

/** The plan JSON written to the plan-file output's path. */
export interface PlanFileEffect {
  readonly kind: "plan-file";
  readonly path: string;
  readonly json: string;
}

/** The one sticky comment on a pull request, created or edited (the plan, or the roster's problems). */
export interface StickyCommentEffect {
  readonly kind: "sticky-comment";
  readonly pullRequest: number;
  readonly comment: FitResult;
  /** The log group it runs in, if any. */
  readonly group?: string;
  readonly onFailure?: FailureReport;
}

/** This run's entry, appended to the merged pull request's apply-log comment. */
export interface ApplyLogEffect {
  readonly kind: "apply-log";
  readonly pullRequest: number;
  readonly entry: string;
  readonly group?: string;
  readonly onFailure?: FailureReport;
}

/**
 * The one open drift issue made equal to this report (docs/action.md#drift):
 * with `issue`, opened or edited to it; without, the open one (if any) gets
 * `closingComment` and is closed.
 */
export interface DriftIssueEffect {
  readonly kind: "drift-issue";
  readonly issue: { readonly title: string; readonly body: string } | undefined;
  readonly closingComment: string;
  readonly group?: string;
  readonly onFailure?: FailureReport;
}

export type ReportEffect = AnnotateEffect | LogEffect | SummaryEffect | PlanFileEffect | StickyCommentEffect | ApplyLogEffect | DriftIssueEffect;

/** Whether the step passes, and its one line (setFailed's message when it fails). */
export interface Verdict {
  readonly ok: boolean;
  readonly message: string;
}

/** Everything one run reports, decided; perform-report.ts carries it out. */
export interface ActionReport {
  /** In the order they happen. */
  readonly effects: readonly ReportEffect[];
  readonly outputs: ActionRunOutputs;
  /** The verdict when every effect succeeded. */
  readonly verdict: Verdict;
  /**
   * When an effect with `onFailure` fails, the run fails: `replace` makes its
   * line the message (a plan with no comment cannot be reviewed, so nothing
   * else matters), `append` adds it to the verdict's (Sentry may have been
   * written to: the outcome must stay visible).
   */
  readonly reportFailure: "replace" | "append";
}

/** The verdict after the effects ran: `failure` is the first failed effect's line, if any. */
export function settleVerdict(report: ActionReport, failure: string | undefined): Verdict {
  if (failure === undefined) return report.verdict;
  return { ok: false, message: report.reportFailure === "replace" ? failure : `${report.verdict.message}; ${failure}` };
}

/** The first ten errors and ten warnings as annotations on the roster's lines, and every issue in the summary. */
export function rosterIssueEffects(issues: readonly RosterIssue[]): ReportEffect[] {
  if (issues.length === 0) return [];
  const effects: ReportEffect[] = [];
  for (const severity of [ISSUE_SEVERITY.Error, ISSUE_SEVERITY.Warning]) {
    for (const issue of issues.filter((entry) => entry.severity === severity).slice(0, MAX_ANNOTATIONS_PER_LEVEL)) {
      effects.push({
        kind: "annotate",
        level: severity,
        message: issue.hint ? `${issue.message} (hint: ${issue.hint})` : issue.message,
        where: { file: issue.file, line: issue.line, col: issue.col },
      });
    }
  }
  effects.push({ kind: "summary", markdown: `#### Roster problems\n\n${renderRosterIssuesMarkdown(issues)}\n` });
  return effects;
}

/** Error annotations, one per message (policy violations, refusals). */
export function errorAnnotations(messages: readonly string[]): AnnotateEffect[] {
  return messages.map((message) => ({ kind: "annotate", level: "error", message }));
}

/** The summary, shortened when it would pass GitHub's per-step limit. */
export function fitSummary(full: string, shortened: () => string): string {
  return Buffer.byteLength(full, "utf8") <= MAX_SUMMARY_BYTES ? full : shortened();
}
