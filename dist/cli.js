#!/usr/bin/env node
import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);

// src/cli/index.ts
import { createInterface } from "node:readline/promises";

// src/cli/args.ts
var UsageError = class extends Error {
  name = "UsageError";
};

// src/cli/validate-cli.ts
var validateCli = async (_argv, io) => {
  io.stderr("sentry-roster validate: not implemented yet\n");
  return 1;
};

// src/cli/plan-cli.ts
var planCli = async (_argv, io) => {
  io.stderr("sentry-roster plan: not implemented yet\n");
  return 1;
};

// src/cli/apply-cli.ts
var applyCli = async (_argv, io) => {
  io.stderr("sentry-roster apply: not implemented yet\n");
  return 1;
};

// src/cli/export-cli.ts
var exportCli = async (_argv, io) => {
  io.stderr("sentry-roster export: not implemented yet\n");
  return 1;
};

// src/commands/describe-error.ts
function describeError(error, token) {
  const text = error instanceof Error ? error.message : String(error);
  return token && token.length >= 4 ? text.split(token).join("[token]") : text;
}

// src/commands/version.ts
var VERSION = "0.1.0";

// src/cli/main.ts
var COMMANDS = {
  validate: validateCli,
  plan: planCli,
  apply: applyCli,
  export: exportCli
};
var USAGE = `Usage: sentry-roster <command> [ROSTER] [options]

Keeps a Sentry organization's members, org roles and team memberships equal to a YAML roster.

Commands:
  validate [ROSTER]   check the roster offline (exit 0 valid, 1 invalid)
  plan [ROSTER]       show what apply would change (--json, --out FILE, --detailed-exitcode)
  apply [ROSTER]      apply the plan (--yes, --plan FILE, --snapshot FILE, --json)
  export              write the live org as a roster (--out FILE)

Options for plan, apply and export:
  --org SLUG          organization (default: the roster's, then SENTRY_ORG)
  --url URL           Sentry base URL (default: SENTRY_URL, then https://sentry.io)

ROSTER defaults to roster.yaml. The token is read from SENTRY_AUTH_TOKEN only.
Run "sentry-roster <command> --help" for a command's options.
`;
async function runCli(argv, io) {
  const [name, ...rest] = argv;
  if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
    (name === void 0 ? io.stderr : io.stdout)(USAGE);
    return name === void 0 ? 1 : 0;
  }
  if (name === "--version" || name === "-v") {
    io.stdout(`${VERSION}
`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`sentry-roster: unknown command "${name}"

${USAGE}`);
    return 1;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`sentry-roster ${error.message}
Run "sentry-roster ${name} --help" for its options.
`);
      return 1;
    }
    io.stderr(`sentry-roster ${name}: ${describeError(error, io.env["SENTRY_AUTH_TOKEN"])}
`);
    return 1;
  }
}

// src/cli/index.ts
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  stderrIsTTY: process.stderr.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
  ...process.stdin.isTTY ? {
    confirm: async (question) => {
      const prompt = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
      } finally {
        prompt.close();
      }
    }
  } : {}
});
