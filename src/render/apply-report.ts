import { countOutcomes, type ApplyResult, type ChangeOutcome, type OutcomeStatus } from "../plan/outcome.js";
import type { Change, ChangeWithoutId, SkippedChange } from "../plan/plan.js";
import { TERMINAL_STYLE, changeLine, plural, printable as clean } from "./vocabulary.js";

/** Everything an apply report shows: what happened to each change, and what a fresh plan still wants. */
export interface ApplyReport {
  readonly organization: string;
  readonly result: ApplyResult;
  /** Changes a plan recomputed after apply still contains: empty means converged. */
  readonly leftOver: readonly Change[];
  /** Where the live state was saved before any write, when it was. */
  readonly snapshotPath?: string;
  /** Why the org could not be read again after apply: convergence is then unknown. */
  readonly recheckError?: string;
  /** Apply was interrupted (Ctrl-C, a cancelled job): the org was not read again. */
  readonly interrupted?: boolean;
}

/** The version of the --json report; readers refuse versions they do not know. */
export const APPLY_REPORT_FORMAT_VERSION = 1;

/** One line per change, in the words of the plan ("bob@example.com: add to team backend as admin"). */
export function describeChange(change: ChangeWithoutId): string {
  return changeLine(change, TERMINAL_STYLE);
}

/** Whether the run did everything it planned and a fresh plan wants nothing more. */
export function applySucceeded(report: ApplyReport): boolean {
  const counts = countOutcomes(report.result);
  return counts.failed === 0 && counts["not-run"] === 0 && counts.skipped === 0 && report.leftOver.length === 0 && report.recheckError === undefined && !report.interrupted;
}

const LABELS: Readonly<Record<OutcomeStatus, string>> = {
  applied: "applied",
  failed: "FAILED ",
  skipped: "skipped",
  "not-run": "not run",
};

// ANSI colours for the status labels on a terminal.
const COLORS: Readonly<Record<OutcomeStatus, string>> = { applied: "32", failed: "31", skipped: "33", "not-run": "33" };

/** The apply report as text for a terminal or a log: a verdict, one line per change, skipped, left over, snapshot. */
export function renderApplyReport(report: ApplyReport, options: { readonly color: boolean }): string {
  const paint = (status: OutcomeStatus, text: string) => (options.color ? `\u001b[${COLORS[status]}m${text}\u001b[0m` : text);
  const counts = countOutcomes(report.result);
  const lines: string[] = [verdict(report, counts), ""];
  if (report.result.outcomes.length > 0) {
    lines.push("Changes:");
    for (const outcome of report.result.outcomes) lines.push(outcomeLine(outcome, paint));
    lines.push("");
  }
  if (report.result.stoppedBecause) lines.push(`Apply stopped early: ${clean(report.result.stoppedBecause)}`, "");
  if (report.result.skipped.length > 0) {
    lines.push("Held back by a rule (not applied):");
    for (const skipped of report.result.skipped) lines.push(`  ${paint("skipped", LABELS.skipped)}  ${describeChange(skipped)}: ${skipped.reason}: ${clean(skipped.detail)}`);
    lines.push("");
  }
  if (report.interrupted) {
    lines.push("Interrupted: the org was not read again. Run apply again to finish: it plans from a fresh reading, so nothing is sent twice.");
  } else if (report.recheckError !== undefined) {
    lines.push(`Not confirmed: ${clean(report.recheckError)}. Run plan to see what is left.`);
  } else if (report.leftOver.length > 0) {
    lines.push("Left over: a fresh plan still wants these changes (run apply again, or fix what failed):");
    for (const change of report.leftOver) lines.push(`  - ${describeChange(change)}`);
  } else {
    lines.push("Converged: a fresh plan has no changes.");
  }
  if (report.snapshotPath) lines.push(`Snapshot of the org before apply: ${report.snapshotPath}`);
  return `${lines.join("\n")}\n`;
}

function verdict(report: ApplyReport, counts: Record<OutcomeStatus, number>): string {
  const total = report.result.outcomes.length;
  if (total === 0) return `Nothing to apply to ${clean(report.organization)}.`;
  const rest = [
    counts.failed > 0 ? `${counts.failed} failed` : "",
    counts["not-run"] > 0 ? `${counts["not-run"]} not run` : "",
    counts.skipped > 0 ? `${counts.skipped} not reviewed` : "",
  ].filter(Boolean);
  return `Applied ${counts.applied} of ${plural(total, "change")} to ${clean(report.organization)}${rest.length > 0 ? ` (${rest.join(", ")})` : ""}.`;
}

function outcomeLine(outcome: ChangeOutcome, paint: (status: OutcomeStatus, text: string) => string): string {
  const note = outcome.message ? `: ${clean(outcome.message)}` : "";
  return `  ${paint(outcome.status, LABELS[outcome.status])}  ${describeChange(outcome.change)}${note}`;
}

/** The --json form of the report. Stable keys; `ok` is applySucceeded(). */
export function toApplyReportJson(report: ApplyReport): string {
  const counts = countOutcomes(report.result);
  const json = {
    formatVersion: APPLY_REPORT_FORMAT_VERSION,
    organization: report.organization,
    ok: applySucceeded(report),
    counts,
    outcomes: report.result.outcomes.map((outcome) => ({
      status: outcome.status,
      ...(outcome.message === undefined ? {} : { message: outcome.message }),
      change: outcome.change,
    })),
    skipped: report.result.skipped satisfies readonly SkippedChange[],
    stoppedBecause: report.result.stoppedBecause ?? null,
    converged: report.recheckError === undefined && !report.interrupted ? report.leftOver.length === 0 : null,
    interrupted: report.interrupted === true,
    recheckError: report.recheckError ?? null,
    leftOver: report.leftOver,
    snapshot: report.snapshotPath ?? null,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Why apply refused to write anything: a rule of the plan, or changes nobody reviewed. */
export interface ApplyRefusal {
  readonly organization: string;
  /** One line: what was refused and what to do. */
  readonly reason: string;
  readonly violations: readonly { readonly rule: string; readonly message: string }[];
  /** Changes the recomputed plan has that the reviewed plan did not. */
  readonly notReviewed: readonly Change[];
}

/** A refusal as text: the reason, each violation and each unreviewed change, and that nothing was written. */
export function renderApplyRefusal(refusal: ApplyRefusal): string {
  const lines = [`Refused: ${clean(refusal.reason)}`];
  for (const violation of refusal.violations) lines.push(`  - ${violation.rule}: ${clean(violation.message)}`);
  if (refusal.notReviewed.length > 0) {
    lines.push("Changes not in the reviewed plan:");
    for (const change of refusal.notReviewed) lines.push(`  - ${describeChange(change)} (${change.id.slice(0, 16)})`);
  }
  lines.push(`Nothing was changed in ${clean(refusal.organization)}.`);
  return `${lines.join("\n")}\n`;
}

/** The --json form of a refusal (same format version as the report, with `refused`). */
export function toApplyRefusalJson(refusal: ApplyRefusal): string {
  const json = {
    formatVersion: APPLY_REPORT_FORMAT_VERSION,
    organization: refusal.organization,
    ok: false,
    refused: refusal.reason,
    violations: refusal.violations,
    notReviewed: refusal.notReviewed,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
