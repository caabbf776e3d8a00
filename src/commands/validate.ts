import type { RosterIssue } from "../domain/roster-issue.js";
import { loadRoster, type LoadRosterResult } from "../roster/load-roster.js";
import type { Deps } from "./deps.js";

export type { LoadRosterResult } from "../roster/load-roster.js";

/** What `plan` and `apply` return when the roster has errors: every issue, and Sentry was not contacted. */
export interface RosterInvalidResult {
  readonly kind: "roster-invalid";
  readonly issues: readonly RosterIssue[];
}

/**
 * `validate`: reads and checks the roster, offline. Returns every issue and,
 * when there is no error, the DesiredState. A file that cannot be read throws
 * RosterFileError (src/roster/errors.ts).
 */
export function validateCommand(rosterPath: string, deps: Pick<Deps, "readFile">): Promise<LoadRosterResult> {
  return loadRoster(rosterPath, deps.readFile);
}

/** The renderers the front ends use to show validation results (cli/ and action/ reach render/ through commands/). */
export { formatRosterIssues, rosterIssuesJson, summarizeRosterIssues } from "../render/roster-issues.js";

/** The roster's "did you mean" distance, for the CLI's suggestions on unknown flags too. */
export { closestMatch } from "../roster/did-you-mean.js";
