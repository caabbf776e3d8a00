import { UsageError } from "./args.js";
import type { CliCommand, CliIo } from "./io.js";
import { describeError } from "../commands/describe-error.js";
import { VERSION } from "../commands/version.js";

/**
 * Each command is loaded when it runs: in dist/ its modules are evaluated only
 * then, so `validate` never loads the HTTP stack or the plan renderers (docs/benchmarks.md).
 */
const COMMANDS: Readonly<Record<string, () => Promise<CliCommand>>> = {
  validate: async () => (await import("./validate-cli.js")).validateCli,
  plan: async () => (await import("./plan-cli.js")).planCli,
  apply: async () => (await import("./apply-cli.js")).applyCli,
  export: async () => (await import("./export-cli.js")).exportCli,
};

export const USAGE = `Usage: sentry-roster <command> [ROSTER] [options]

Keeps a Sentry organization's members, org roles and team memberships equal to a YAML roster.

Commands:
  validate [ROSTER]   check the roster offline (exit 0 valid, 1 invalid)
  plan [ROSTER]       show what apply would change (--json, --out FILE, --detailed-exitcode)
  apply [ROSTER]      apply the plan (--yes, --plan FILE, --snapshot FILE, --json)
  export              write the live org as a roster (--out FILE)

Options for plan, apply and export:
  --org SLUG          organization (default: the roster's; SENTRY_ORG only when the
                      roster names none; an --org other than the roster's is refused)
  --url URL           Sentry base URL (default: SENTRY_URL, then https://sentry.io)

ROSTER defaults to roster.yaml. The token is read from SENTRY_AUTH_TOKEN only.
Run "sentry-roster <command> --help" for a command's options.
`;

/** argv (without node and script) → exit code. Results on stdout, errors on stderr, never a stack trace. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.stderr : io.stdout)(USAGE);
    return name === undefined ? 1 : 0;
  }
  if (name === "--version" || name === "-v") {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(`sentry-roster: unknown command "${name}"\n\n${USAGE}`);
    return 1;
  }
  try {
    const command = await load();
    io.commandLoaded?.();
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`sentry-roster ${name}: ${error.message}\nRun "sentry-roster ${name} --help" for its options.\n`);
      return 1;
    }
    io.stderr(`sentry-roster ${name}: ${describeError(error, io.env["SENTRY_AUTH_TOKEN"])}\n`);
    return 1;
  }
}
