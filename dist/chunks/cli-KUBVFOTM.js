import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  describeError,
  watchProcessInterrupts
} from "./chunk-XMENMWQF.js";
import {
  VERSION
} from "./chunk-ZV4FVV53.js";
import {
  UsageError
} from "./chunk-CV2I63CP.js";
import "./chunk-BE7JI7H6.js";

// src/cli/index.ts
import { isatty } from "node:tty";

// src/cli/main.ts
var COMMANDS = {
  validate: async () => (await import("./validate-cli-ZMQHP5JK.js")).validateCli,
  plan: async () => (await import("./plan-cli-ODOGIM2X.js")).planCli,
  apply: async () => (await import("./apply-cli-KWYTIKDK.js")).applyCli,
  export: async () => (await import("./export-cli-MOSYO3LR.js")).exportCli
};
var USAGE = `Usage: sentry-roster <command> [ROSTER] [options]

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
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(`sentry-roster: unknown command "${name}"

${USAGE}`);
    return 1;
  }
  try {
    const command = await load();
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`sentry-roster ${name}: ${error.message}
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
  watchInterrupts: () => watchProcessInterrupts((text) => process.stderr.write(text)),
  // isatty(0), not process.stdin.isTTY: creating the stdin stream costs every command
  // a tenth of its start when stdin is a file or /dev/null (npm run bench); only apply asks.
  ...isatty(0) ? {
    confirm: async (question) => {
      const { createInterface } = await import("node:readline/promises");
      const prompt = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
      } finally {
        prompt.close();
      }
    }
  } : {}
});
