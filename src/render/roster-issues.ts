import { ISSUE_SEVERITY, type RosterIssue } from "../domain/roster-issue.js";
import { plural, printable } from "./vocabulary.js";

/**
 * Roster issues as compiler-style lines: `FILE:LINE:COL: message`, warnings
 * marked `warning:`, each followed by `  hint: …` when there is one. Ends
 * with a newline when there is anything to show.
 */
export function formatRosterIssues(issues: readonly RosterIssue[]): string {
  return issues
    .map((issue) => {
      const head = `${printable(issue.file)}:${issue.line}:${issue.col}: ${issue.severity === ISSUE_SEVERITY.Warning ? "warning: " : ""}${printable(issue.message)}`;
      return issue.hint ? `${head}\n  hint: ${printable(issue.hint)}\n` : `${head}\n`;
    })
    .join("");
}

/** "2 errors in roster.yaml", "1 error and 3 warnings in roster.yaml", "1 warning in roster.yaml". */
export function summarizeRosterIssues(file: string, issues: readonly RosterIssue[]): string {
  const errors = issues.filter((issue) => issue.severity === ISSUE_SEVERITY.Error).length;
  const warnings = issues.length - errors;
  const parts = [errors > 0 ? plural(errors, "error") : "", warnings > 0 ? plural(warnings, "warning") : ""].filter(
    Boolean,
  );
  return `${parts.join(" and ") || "no problems"} in ${printable(file)}`;
}

/** What `validate --json` prints: the verdict and every issue, with the fields of the text lines (docs/cli.md). */
export interface RosterIssuesJson {
  readonly file: string;
  readonly valid: boolean;
  readonly errors: number;
  readonly warnings: number;
  /** Counts of the roster when it is valid. */
  readonly members?: number;
  readonly teams?: number;
  readonly issues: readonly {
    readonly file: string;
    readonly line: number;
    readonly col: number;
    readonly severity: RosterIssue["severity"];
    readonly message: string;
    readonly hint?: string;
  }[];
}

/** `validate --json` output: one JSON document and a newline, issues in the order of the text output. */
export function rosterIssuesJson(
  file: string,
  issues: readonly RosterIssue[],
  counts: { members: number; teams: number } | undefined,
): string {
  const errors = issues.filter((issue) => issue.severity === ISSUE_SEVERITY.Error).length;
  const json: RosterIssuesJson = {
    file,
    valid: errors === 0 && counts !== undefined,
    errors,
    warnings: issues.length - errors,
    ...(counts ?? {}),
    issues: issues.map(({ file: issueFile, line, col, severity, message, hint }) => ({
      file: issueFile,
      line,
      col,
      severity,
      message,
      ...(hint === undefined ? {} : { hint }),
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
