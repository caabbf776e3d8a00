export const ISSUE_SEVERITY = { Error: "error", Warning: "warning" } as const;
export type IssueSeverity = (typeof ISSUE_SEVERITY)[keyof typeof ISSUE_SEVERITY];

/** One problem in a roster file, as data: where, what was found, and what to do. */
export interface RosterIssue {
  readonly severity: IssueSeverity;
  /** Path as the user gave it, e.g. "roster.yaml". */
  readonly file: string;
  /** 1-based position of the offending node (of its key, for unknown keys). */
  readonly line: number;
  readonly col: number;
  /** What is wrong, quoting the value found. */
  readonly message: string;
  /** What to change, when we know. */
  readonly hint?: string;
}

/** Orders issues by position, then message, so output is stable. */
export function compareIssues(a: RosterIssue, b: RosterIssue): number {
  return a.line - b.line || a.col - b.col || a.message.localeCompare(b.message);
}
