import { compareIssues, ISSUE_SEVERITY, type RosterIssue } from "../domain/roster-issue.js";
import type { DesiredState } from "../domain/types.js";
import { parseRoster } from "./parse-roster.js";
import { schemaIssues } from "./schema-issues.js";
import { semanticIssues } from "./semantic-issues.js";
import { toDesiredState } from "./to-desired-state.js";

/** A quoted value longer than this is shortened in messages: a 900 KB scalar must not become a 900 KB error line. */
export const MAX_QUOTED_CHARS = 80;
/** No message or hint is longer than this, whatever it quotes. */
export const MAX_ISSUE_TEXT_CHARS = 400;

/** The outcome of reading a roster: every issue, and the DesiredState when there is no error. */
export interface LoadRosterResult {
  /** Sorted by position; warnings do not stop the roster from being used. */
  readonly issues: readonly RosterIssue[];
  /** Undefined iff any issue has severity "error". */
  readonly desired: DesiredState | undefined;
}

/**
 * Roster text → issues and DesiredState, with no I/O: YAML parse, schema,
 * then the semantic checks, all reported together. After YAML problems the
 * library recovers from, the rest of the document is still checked, except
 * the parts a syntax error broke (their checks would only echo it).
 */
export function parseRosterText(file: string, text: string): LoadRosterResult {
  const parsed = parseRoster(file, text);
  if (!parsed.ok) {
    const recovered = parsed.recovered;
    const rest = recovered
      ? [...schemaIssues(recovered.roster), ...semanticIssues(recovered.roster)].filter(
          (issue) => !recovered.isBroken(issue),
        )
      : [];
    return { issues: uniqueIssues([...parsed.issues, ...rest].map(clipIssue)).sort(compareIssues), desired: undefined };
  }
  const issues = uniqueIssues([...schemaIssues(parsed.roster), ...semanticIssues(parsed.roster)].map(clipIssue)).sort(
    compareIssues,
  );
  const hasError = issues.some((issue) => issue.severity === ISSUE_SEVERITY.Error);
  return { issues, desired: hasError ? undefined : toDesiredState(parsed.roster) };
}

/** Shortens long quoted values (and, as a last resort, the whole text) so every issue reads as one short line. */
function clipIssue(issue: RosterIssue): RosterIssue {
  const clip = (text: string): string => {
    const shortened = text
      .replace(/"((?:[^"\\]|\\.)*)"/g, (whole, inner: string) =>
        inner.length <= MAX_QUOTED_CHARS
          ? whole
          : `"${inner.slice(0, MAX_QUOTED_CHARS - 20).replace(/\\[^"]{0,5}$/, "")}…" (${inner.length} characters)`,
      )
      .replace(/[\r\n]+/g, " ");
    return shortened.length <= MAX_ISSUE_TEXT_CHARS ? shortened : `${shortened.slice(0, MAX_ISSUE_TEXT_CHARS - 1)}…`;
  };
  return { ...issue, message: clip(issue.message), ...(issue.hint === undefined ? {} : { hint: clip(issue.hint) }) };
}

function uniqueIssues(issues: readonly RosterIssue[]): RosterIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.line}:${issue.col}:${issue.message}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}
