/**
 * The apply-log comment: one comment per PR, separate from the plan comment
 * (which stays exactly as it was approved, docs/action.md#the-apply-log-audit-trail), to
 * which every apply run of the PR's merge appends one entry: when, which run,
 * the counts and the failures. Emails are masked where the text leaves the
 * run, like every other output. A re-run that applies nothing says so below
 * the earlier entries instead of replacing them.
 */
import type { Change } from "../plan/plan.js";
import { type ApplyResult, countOutcomes } from "../plan/outcome.js";
import { code, escape } from "./markdown.js";
import { changeLineMarkdown } from "./plan-comment.js";
import { plural } from "./vocabulary.js";

/** The fixed start of the apply-log comment; also how it is found. */
export const APPLY_LOG_PREFIX = "<!-- sentry-roster:apply-log ";
/** Failures listed per entry; the job summary of that run has the rest. */
export const FAILURES_PER_ENTRY = 20;

/** One apply run, as its log entry shows it. */
export interface ApplyLogRun {
  readonly organization: string;
  /** ISO time of the run. */
  readonly at: string;
  readonly runUrl: string;
  /** The commit applied (the merge commit). */
  readonly sha: string;
  readonly result: ApplyResult | undefined;
  readonly notReviewed: readonly Change[];
  /** Why nothing was applied at all, when apply was refused before any write. */
  readonly refusedBecause: string | undefined;
}

/** The head of a new apply-log comment (marker, title, what it is). */
export function renderApplyLogHead(): string {
  return [
    `${APPLY_LOG_PREFIX}{"v":1} -->`,
    "### Sentry roster apply log",
    "",
    "One entry per apply run of this pull request's merge, oldest first. The plan comment stays exactly as it was reviewed.",
  ].join("\n");
}

/** One run's entry, to append below the earlier ones. */
export function renderApplyLogEntry(run: ApplyLogRun): string {
  const counts = run.result ? countOutcomes(run.result) : { applied: 0, failed: 0, skipped: 0, "not-run": 0 };
  const notReviewed = run.notReviewed.length;
  const when = `${run.at.replace("T", " ").replace(/\.\d+Z$|Z$/, "")} UTC`;
  const heading = `**${when}** · [workflow run](${run.runUrl}) · commit ${code(run.sha.slice(0, 12))}`;
  const verdict = run.refusedBecause
    ? `**Nothing applied:** ${escape(run.refusedBecause)}`
    : counts.applied === 0 && counts.failed === 0 && counts["not-run"] === 0 && notReviewed === 0
      ? `**Nothing to apply:** ${code(run.organization)} already matched the reviewed plan.`
      : counts.failed > 0 || counts["not-run"] > 0 || notReviewed > 0
        ? `**Apply incomplete** on ${code(run.organization)}: ${counts.applied} applied, ${counts.failed} failed, ${notReviewed} not reviewed, ${counts["not-run"]} not run.`
        : `**Applied** ${plural(counts.applied, "change")} to ${code(run.organization)}.`;
  const failed = (run.result?.outcomes ?? []).filter((outcome) => outcome.status === "failed");
  const lines = failed
    .slice(0, FAILURES_PER_ENTRY)
    .map((outcome) => changeLineMarkdown(outcome.change, `failed: ${outcome.message ?? "unknown error"}`));
  if (failed.length > FAILURES_PER_ENTRY) lines.push(`- …${plural(failed.length - FAILURES_PER_ENTRY, "more failure")}: see the run's job summary`);
  if (notReviewed > 0) lines.push(`- ${plural(notReviewed, "change")} not in the reviewed plan: not applied (listed in the run's job summary)`);
  // Why the rest was not sent (the job was cancelled, the token rejected, failures in a row): the reader's next step.
  if (run.result?.stoppedBecause && !run.refusedBecause) lines.push(`- Stopped early: ${escape(run.result.stoppedBecause)}`);
  return ["---", heading, "", verdict, ...(lines.length > 0 ? ["", ...lines] : [])].join("\n");
}
