import { exportCommand } from "../commands/export.js";
import { createNodeDeps } from "../commands/node-deps.js";
import { resolveOrganization } from "../commands/organization.js";
import { parseCommandArgs, SENTRY_OPTIONS } from "./args.js";
import type { CliCommand } from "./io.js";
import { cliLogger, resolveSentryTarget } from "./sentry-options.js";

const HELP = `Usage: sentry-roster export [options]

Reads the live Sentry organization (read-only) and writes it as a roster:
every team, every member with their org role and teams, sorted, with comments
(display name, pending or expired invite, SCIM-managed). Start a roster with it.

Options:
  --out FILE    write the roster to FILE (default: stdout)
  --org SLUG    organization to export (default: SENTRY_ORG); one of them is required
  --url URL     Sentry base URL (default: SENTRY_URL, then https://sentry.io)

The token is read from SENTRY_AUTH_TOKEN (org:read, member:read, team:read suffice).
`;

/** `sentry-roster export`: the roster on stdout or in --out FILE; errors on stderr. */
export const exportCli: CliCommand = async (argv, io) => {
  const { values } = parseCommandArgs(argv, { ...SENTRY_OPTIONS, out: { type: "string" } }, 0);
  if (values["help"]) {
    io.stdout(HELP);
    return 0;
  }
  const target = resolveSentryTarget(values, io.env);
  const org = resolveOrganization({ flag: target.org, env: target.envOrg });
  const out = typeof values["out"] === "string" && values["out"] ? values["out"] : undefined;
  const deps = createNodeDeps(cliLogger(io));
  const result = await exportCommand({ org, connection: target.connection, ...(out ? { out } : {}) }, deps);
  // The roster itself is the confirmation on stdout; a file gets one line saying what is in it.
  if (out) io.stderr(`wrote ${out}: ${result.summary}\n`);
  else io.stdout(result.text);
  return 0;
};
