import { countDrift } from "../plan/drift-count.js";
import { driftHeadline } from "./drift-headline.js";
import type { RosterIssue } from "../domain/roster-issue.js";
import { shortId } from "../plan/change-id.js";
import type { Change, ChangeWithoutId, Plan, SkippedChange } from "../plan/plan.js";
import { writeMarker } from "./comment-marker.js";
import { summarizePlan } from "./plan-summary.js";
import { type CommentSection, type FitResult, MAX_COMMENT_CHARS, fitToLimit } from "./fit-to-limit.js";
import { MARKDOWN_STYLE, code, escape, table } from "./markdown.js";
import { ACTION_LABELS, changeLine, changePhrase, followUpPhrase, changeSubject, driftPhrase, plural, subjectKey } from "./vocabulary.js";

/**
 * How a plan is shown on GitHub. Emails are written in full: where they must
 * be masked, the Action masks the finished text at its output boundary.
 */
export interface PlanMarkdownOptions {
  /** Link to the workflow run, shown in the footer. */
  readonly runUrl?: string;
  /** Head commit the plan was computed for; goes into the marker. */
  readonly sha?: string;
  /** Roster warnings (severity "warning") to show beside the plan. */
  readonly rosterIssues?: readonly RosterIssue[];
  /** "plan" on pull requests; "drift" titles the scheduled report. */
  readonly purpose?: "plan" | "drift";
}

/** Options of the sticky comment: the Markdown options plus the size budget. */
export interface PlanCommentOptions extends PlanMarkdownOptions {
  /** Budget for the comment (default MAX_COMMENT_CHARS); injectable so tests can use 1,000. */
  readonly maxChars?: number;
  /** Where the full text is, when not the job summary (Markdown, already escaped). */
  readonly fullTextAt?: string;
}

export function fullTextAt(options: PlanCommentOptions): string {
  return options.fullTextAt ?? (options.runUrl ? `the [job summary](${options.runUrl})` : JOB_SUMMARY);
}

/** Text for the place that always holds the full plan. */
const JOB_SUMMARY = "the job summary";

/**
 * The sticky PR comment for a plan: marker (digest and short change ids),
 * verdict, counts, changes grouped by member, removals and skips called out,
 * drift and warnings; shrunk to fit the comment limit (fit-to-limit.ts).
 */
export function renderPlanComment(plan: Plan, options: PlanCommentOptions): FitResult {
  const marker = {
    org: plan.organization,
    digest: plan.digest,
    ...(options.sha ? { sha: options.sha } : {}),
  };
  return fitToLimit(
    {
      marker: { withIds: writeMarker({ ...marker, ids: plan.changes.map((change) => shortId(change.id)) }), digestOnly: writeMarker(marker) },
      head: planHead(plan, options),
      sections: planSections(plan, options),
      footer: footer(options),
      fullTextAt: fullTextAt(options),
    },
    options.maxChars ?? MAX_COMMENT_CHARS,
  );
}

/** The full plan as Markdown for the job summary: nothing folded or dropped, no marker. */
export function renderPlanMarkdown(plan: Plan, options: PlanMarkdownOptions): string {
  const sections = planSections(plan, options).map((section) => `#### ${section.title}\n\n${section.blocks.join("\n")}`);
  return [planHead(plan, options), ...sections, footer(options)].filter((part) => part !== "").join("\n\n") + "\n";
}

/** A change on one line in Markdown, with an optional note ("— Sentry said …"). */
export function changeLineMarkdown(change: ChangeWithoutId, note?: string): string {
  return `- ${changeLine(change, MARKDOWN_STYLE)}${note ? ` — ${escape(note)}` : ""}`;
}

function planHead(plan: Plan, options: PlanMarkdownOptions): string {
  const title = options.purpose === "drift" ? "Sentry drift report" : "Sentry roster plan";
  const removals = plan.changes.filter((change) => change.action === "remove-member").length;
  const drift = countDrift(plan);
  // A drift report leads with how Sentry differs; a plan with nothing to change still says what differs (docs/action.md#drift).
  const verdict =
    plan.violations.length > 0
      ? `**Refused:** ${plural(plan.violations.length, "violation")}; nothing will be applied.`
      : options.purpose === "drift"
        ? drift.total > 0
          ? `**${driftHeadline(drift)}.**`
          : "**No drift.** Sentry matches the roster."
        : plan.changes.length === 0
          ? drift.total > 0
            ? `**No changes.** ${driftHeadline(drift)} (reported, not changed).`
            : "**No changes.** Sentry matches the roster."
          : `**${plural(plan.changes.length, "change")}**${removals > 0 ? `, including ${plural(removals, "removal")}` : ""}.`;
  const counts = new Map<string, number>();
  for (const change of plan.changes) counts.set(ACTION_LABELS[change.action], (counts.get(ACTION_LABELS[change.action]) ?? 0) + 1);
  const rows = [...counts].map(([label, count]) => [label, String(count)]);
  if (plan.skipped.length > 0) rows.push(["skipped", String(plan.skipped.length)]);
  if (plan.drift.length > 0) rows.push(["drift", String(plan.drift.length)]);
  if (plan.warnings.length > 0) rows.push(["warnings", String(plan.warnings.length)]);
  const lines = [`### ${title} for ${code(plan.organization)}`, "", verdict, "", `Digest ${code(plan.digest.slice(0, 16))}`];
  if (rows.length > 0) lines.push("", table(["", "count"], rows));
  const summary = summarizePlan(plan);
  if (summary && summary.byTeam.length > 0) {
    const teamRows = summary.byTeam.map(([team, count]) => [code(team), String(count)]);
    if (summary.moreTeams > 0) teamRows.push([`${plural(summary.moreTeams, "more team")}`, ""]);
    lines.push("", table(["team", "changes"], teamRows));
  }
  return lines.join("\n");
}

function planSections(plan: Plan, options: PlanMarkdownOptions): CommentSection[] {
  const sections: CommentSection[] = [];
  const push = (title: string, blocks: string[], itemsPerBlock: number[], unit: string) => {
    if (blocks.length > 0) sections.push({ title, blocks, itemsPerBlock, unit });
  };
  push(
    "Violations: the plan is refused",
    plan.violations.map((violation) => `- ${escape(violation.message)}`),
    plan.violations.map(() => 1),
    "violation",
  );
  const removals = plan.changes.filter((change) => change.action === "remove-member");
  push(
    "Removals",
    removals.map((change) => changeLineMarkdown(change)),
    removals.map(() => 1),
    "removal",
  );
  const groups = groupBySubject(plan.changes.filter((change) => change.action !== "remove-member"));
  push(
    "Changes",
    groups.map(([subject, changes]) => [`- ${subject}`, ...changes.map((change) => `  - ${changePhrase(change, MARKDOWN_STYLE)}${followUpOf(change)}`)].join("\n")),
    groups.map(([, changes]) => changes.length),
    "change",
  );
  const ownerSkips = plan.skipped.filter((skip) => skip.reason === "owner-protected" || skip.reason === "last-owner");
  const otherSkips = plan.skipped.filter((skip) => !ownerSkips.includes(skip));
  const skipLine = (skip: SkippedChange) => `- ${changeLine(skip, MARKDOWN_STYLE)} — ${code(skip.reason)}: ${escape(skip.detail)}`;
  push("Skipped to protect owners", ownerSkips.map(skipLine), ownerSkips.map(() => 1), "skipped change");
  push("Skipped", otherSkips.map(skipLine), otherSkips.map(() => 1), "skipped change");
  push(
    options.purpose === "drift" ? "Changed by hand in Sentry" : "Drift",
    plan.drift.map((drift) => `- ${driftPhrase(drift, MARKDOWN_STYLE)}`),
    plan.drift.map(() => 1),
    "drift entry",
  );
  const warnings = [
    ...plan.warnings.map((warning) => `- ${escape(warning.message)}`),
    ...(options.rosterIssues ?? [])
      .filter((issue) => issue.severity === "warning")
      .map((issue) => `- ${code(`${issue.file}:${issue.line}:${issue.col}`)} ${escape(issue.message)}`),
  ];
  push("Warnings", warnings, warnings.map(() => 1), "warning");
  return sections;
}

/** A team creation's follow-up, on the same line (nothing for other changes). */
function followUpOf(change: ChangeWithoutId): string {
  const followUp = followUpPhrase(change, MARKDOWN_STYLE);
  return followUp ? `; ${followUp}` : "";
}

// Grouped by the raw email or team: once masked, two emails may look alike.
function groupBySubject(changes: readonly Change[]): [string, Change[]][] {
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    const key = subjectKey(change);
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  return [...groups.values()].map((group) => [changeSubject(group[0] as Change, MARKDOWN_STYLE), group]);
}

export function footer(options: PlanMarkdownOptions): string {
  const parts = [
    options.runUrl ? `[workflow run](${options.runUrl})` : undefined,
    options.sha ? `commit ${code(options.sha.slice(0, 12))}` : undefined,
  ].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? `<sub>sentry-roster · ${parts.join(" · ")}</sub>` : "<sub>sentry-roster</sub>";
}

