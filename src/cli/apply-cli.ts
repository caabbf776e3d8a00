import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyCommand } from "../commands/apply.js";
import { formatApplyCommandResult, formatPlanForReview } from "../commands/apply-format.js";
import { applyCommandSucceeded } from "../commands/apply-result.js";
import { createNodeDeps } from "../commands/node-deps.js";
import { INTERRUPTED_EXIT_CODE } from "../commands/process-interrupts.js";
import { SENTRY_OPTIONS, UsageError, parseCommandArgs } from "./args.js";
import { colorWanted } from "./color.js";
import type { CliCommand } from "./io.js";
import { cliLogger, resolveSentryTarget } from "./sentry-options.js";

/** The roster file when none is named (docs/cli.md). */
export const DEFAULT_ROSTER = "roster.yaml";

export const APPLY_USAGE = `Usage: sentry-roster apply [ROSTER] [options]

Computes the plan and applies it: creates teams, invites, changes roles and
team memberships, removes members, in a safe order. Reads the org again
afterwards and reports anything left over.

Options:
  --yes               apply without asking (needed when there is no terminal)
  --plan FILE         apply only the changes reviewed in this saved plan (plan --out FILE)
  --snapshot FILE     save the org as read before any write (default: a file in the temp directory)
  --json              print the report as JSON
  --org SLUG          organization (default: the roster's; SENTRY_ORG only when the
                      roster names none; an --org other than the roster's is refused)
  --url URL           Sentry base URL (default: SENTRY_URL, then https://sentry.io)

Ctrl-C (or SIGTERM) finishes the write in flight, sends nothing more and
prints what was applied and what was not; a second Ctrl-C exits at once.

Exit status: 0 when every planned change was applied and the org matches the
roster; 1 when apply refused, a change failed, or something is left over;
130 when interrupted (run apply again to finish).
`;

const OPTIONS = {
  ...SENTRY_OPTIONS,
  yes: { type: "boolean", short: "y" },
  plan: { type: "string" },
  snapshot: { type: "string" },
  json: { type: "boolean" },
} as const;

/** `sentry-roster apply [ROSTER] [--yes] [--plan FILE] [--snapshot FILE] [--json] [--org SLUG] [--url URL]`. */
export const applyCli: CliCommand = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  if (values["help"]) {
    io.stdout(APPLY_USAGE);
    return 0;
  }
  const yes = values["yes"] === true;
  const json = values["json"] === true;
  if (!yes && !io.confirm) {
    throw new UsageError("no terminal to confirm on: pass --yes to apply without a terminal (run plan first to review the changes)");
  }
  const target = resolveSentryTarget(values, io.env);
  const deps = createNodeDeps(cliLogger(io));
  const snapshotFile = typeof values["snapshot"] === "string" ? values["snapshot"] : () => defaultSnapshotPath(deps.now());
  const planFile = typeof values["plan"] === "string" ? values["plan"] : undefined;
  const confirm = io.confirm;

  const interrupts = io.watchInterrupts?.();
  let result: Awaited<ReturnType<typeof applyCommand>>;
  try {
    result = await applyCommand(
      {
        ...(interrupts ? { stop: interrupts.signal } : {}),
        rosterPath: positionals[0] ?? DEFAULT_ROSTER,
        connection: target.connection,
        snapshotFile,
        ...(target.org ? { org: target.org } : {}),
        ...(target.envOrg ? { defaultOrg: target.envOrg } : {}),
        ...(planFile ? { planFile } : {}),
        // The plan is shown before anything is written: asked about on a terminal, printed as the record with --yes.
        confirm: async (plan, run) => {
          const toStderr = !yes || json;
          const review = formatPlanForReview(plan, { color: colorWanted(io.env, toStderr ? io.stderrIsTTY : io.stdoutIsTTY) });
          if (toStderr) io.stderr(review);
          else io.stdout(`${review}\n`);
          if (yes || !confirm) return true;
          return confirm(`Apply ${run.length} change${run.length === 1 ? "" : "s"} to ${plan.organization}?`);
        },
      },
      deps,
    );
  } finally {
    interrupts?.dispose();
  }
  const output = formatApplyCommandResult(result, { json, color: colorWanted(io.env, io.stdoutIsTTY) && !json });
  if (output.stderr) io.stderr(output.stderr);
  if (output.stdout) io.stdout(output.stdout);
  if (result.kind === "applied" && result.interrupted) return INTERRUPTED_EXIT_CODE;
  return applyCommandSucceeded(result) ? 0 : 1;
};

/**
 * A fresh snapshot path in a new directory under the temp directory that only
 * the user can open (mkdtemp makes it 0700; docs/security.md), named by time.
 */
async function defaultSnapshotPath(now: number): Promise<string> {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const directory = await mkdtemp(join(tmpdir(), "sentry-roster-"));
  return join(directory, `snapshot-${stamp}.json`);
}
