import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  colorWanted,
  planCommand,
  renderPlanText,
  toPlanJson
} from "./chunk-H53JFXML.js";
import {
  cliLogger,
  createNodeDeps,
  resolveSentryTarget
} from "./chunk-PIA3TUHV.js";
import "./chunk-ZV4FVV53.js";
import {
  SENTRY_OPTIONS,
  formatRosterIssues,
  parseCommandArgs,
  summarizeRosterIssues
} from "./chunk-CV2I63CP.js";
import "./chunk-BE7JI7H6.js";

// src/cli/plan-cli.ts
var DEFAULT_ROSTER = "roster.yaml";
var PLAN_EXIT = { Ok: 0, Error: 1, Changes: 2 };
var HELP = `Usage: sentry-roster plan [ROSTER] [options]

Validates the roster, reads the live Sentry organization (read-only) and prints
what apply would change: + invite or add, ~ change, - remove, then skipped
changes, drift, warnings and anything that would refuse the plan.

Options:
  --json                print the plan as JSON (formatVersion 1) instead of text
  --out FILE            also write the plan JSON to FILE (for apply --plan FILE)
  --detailed-exitcode   exit 2 when the plan has changes
  --org SLUG            organization (default: the roster's; SENTRY_ORG only when the
                        roster names none; an --org other than the roster's is refused)
  --url URL             Sentry base URL (default: SENTRY_URL, then https://sentry.io)

The token is read from SENTRY_AUTH_TOKEN (org:read, member:read, team:read suffice).
ROSTER defaults to roster.yaml.

Exit status: 0 ok; 1 roster errors, a failure, or a plan apply would refuse;
2 with --detailed-exitcode when there are changes.
`;
var planCli = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, {
    ...SENTRY_OPTIONS,
    json: { type: "boolean" },
    out: { type: "string" },
    "detailed-exitcode": { type: "boolean" }
  });
  if (values["help"]) {
    io.stdout(HELP);
    return PLAN_EXIT.Ok;
  }
  const rosterPath = positionals[0] ?? DEFAULT_ROSTER;
  const target = resolveSentryTarget(values, io.env);
  const deps = createNodeDeps(cliLogger(io));
  const result = await planCommand(
    { rosterPath, connection: target.connection, ...target.org ? { org: target.org } : {}, ...target.envOrg ? { defaultOrg: target.envOrg } : {} },
    deps
  );
  if (result.issues.length > 0) io.stderr(formatRosterIssues(result.issues));
  if (result.kind === "roster-invalid") {
    io.stderr(`${summarizeRosterIssues(rosterPath, result.issues)}: fix them and run plan again (Sentry was not contacted)
`);
    return PLAN_EXIT.Error;
  }
  const { plan } = result;
  const out = typeof values["out"] === "string" ? values["out"] : void 0;
  if (out) await deps.writeFile(out, toPlanJson(plan));
  const color = colorWanted(io.env, io.stdoutIsTTY);
  io.stdout(values["json"] ? toPlanJson(plan) : renderPlanText(plan, { color }));
  if (plan.violations.length > 0) {
    const rules = plan.violations.map((violation) => violation.message).join(" ");
    io.stderr(`sentry-roster plan: this plan would be refused: ${rules}
`);
    return PLAN_EXIT.Error;
  }
  return values["detailed-exitcode"] && plan.changes.length > 0 ? PLAN_EXIT.Changes : PLAN_EXIT.Ok;
};
export {
  PLAN_EXIT,
  planCli
};
