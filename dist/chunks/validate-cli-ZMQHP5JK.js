import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  ISSUE_SEVERITY,
  formatRosterIssues,
  parseCommandArgs,
  rosterIssuesJson,
  summarizeRosterIssues,
  validateCommand
} from "./chunk-CV2I63CP.js";
import "./chunk-BE7JI7H6.js";

// src/cli/validate-cli.ts
import { readFile } from "node:fs/promises";
var DEFAULT_ROSTER = "roster.yaml";
var HELP = `Usage: sentry-roster validate [ROSTER]

Checks the roster offline: YAML syntax, the schema, duplicate members, unknown
teams, roles, emails and slugs. Every problem is printed on stderr as
FILE:LINE:COL: message. No token or network is needed.

Options:
  --json    print the verdict and every problem as one JSON document on
            stdout (fields file, line, col, severity, message, hint)

ROSTER defaults to roster.yaml.

Exit status: 0 valid (warnings allowed), 1 invalid or unreadable.
`;
var validateCli = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: "boolean" } });
  if (values["help"]) {
    io.stdout(HELP);
    return 0;
  }
  const file = positionals[0] ?? DEFAULT_ROSTER;
  const result = await validateCommand(file, { readFile: (path) => readFile(path, "utf8") });
  if (values["json"]) {
    const counts = result.desired && { members: result.desired.members.length, teams: result.desired.teams.length };
    io.stdout(rosterIssuesJson(file, result.issues, counts));
    return result.desired ? 0 : 1;
  }
  if (result.issues.length > 0) io.stderr(formatRosterIssues(result.issues));
  if (!result.desired) {
    io.stderr(`${summarizeRosterIssues(file, result.issues)}
`);
    return 1;
  }
  const warnings = result.issues.filter((issue) => issue.severity === ISSUE_SEVERITY.Warning).length;
  const { members, teams } = result.desired;
  io.stdout(
    `${file} is valid: ${count(members.length, "member")}, ${count(teams.length, "team")}${warnings ? ` (${count(warnings, "warning")})` : ""}
`
  );
  return 0;
};
function count(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
export {
  DEFAULT_ROSTER,
  validateCli
};
