import { readTextFile } from "../commands/node-deps.js";
import { ISSUE_SEVERITY } from "../domain/roster-issue.js";
import { formatRosterIssues, rosterIssuesJson, summarizeRosterIssues, validateCommand } from "../commands/validate.js";
import { parseCommandArgs } from "./args.js";
import type { CliCommand } from "./io.js";

/** The default roster path (docs/cli.md). */
export const DEFAULT_ROSTER = "roster.yaml";

const HELP = `Usage: sentry-roster validate [ROSTER]

Checks the roster offline: YAML syntax, the schema, duplicate members, unknown
teams, roles, emails and slugs. Every problem is printed on stderr as
FILE:LINE:COL: message. No token or network is needed.

Options:
  --json    print the verdict and every problem as one JSON document on
            stdout (fields file, line, col, severity, message, hint)

ROSTER defaults to roster.yaml.

Exit status: 0 valid (warnings allowed), 1 invalid or unreadable.
`;

/** `sentry-roster validate [ROSTER]`: problems on stderr, the verdict on stdout when valid. */
export const validateCli: CliCommand = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: "boolean" } });
  if (values["help"]) {
    io.stdout(HELP);
    return 0;
  }
  const file = positionals[0] ?? DEFAULT_ROSTER;
  const result = await validateCommand(file, { readFile: readTextFile });
  if (values["json"]) {
    const counts = result.desired && { members: result.desired.members.length, teams: result.desired.teams.length };
    io.stdout(rosterIssuesJson(file, result.issues, counts));
    return result.desired ? 0 : 1;
  }
  if (result.issues.length > 0) io.stderr(formatRosterIssues(result.issues));
  if (!result.desired) {
    io.stderr(`${summarizeRosterIssues(file, result.issues)}\n`);
    return 1;
  }
  const warnings = result.issues.filter((issue) => issue.severity === ISSUE_SEVERITY.Warning).length;
  const { members, teams } = result.desired;
  io.stdout(
    `${file} is valid: ${count(members.length, "member")}, ${count(teams.length, "team")}${warnings ? ` (${count(warnings, "warning")})` : ""}\n`,
  );
  return 0;
};

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
