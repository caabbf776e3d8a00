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
