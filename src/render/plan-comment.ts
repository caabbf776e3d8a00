import type { RosterIssue } from "../domain/roster-issue.js";
import { shortId } from "../plan/change-id.js";
import type { Change, Plan, SkippedChange } from "../plan/plan.js";
import { type ApplyResult, type OutcomeStatus, countOutcomes } from "../plan/outcome.js";
import { type CommentMarker, writeMarker } from "./comment-marker.js";
import { type CommentSection, type FitResult, MAX_COMMENT_CHARS, fitToLimit } from "./fit-to-limit.js";
import { code, escape, fenced, maskEmail, plural, table } from "./markdown.js";

/** How a plan is shown on GitHub. */
export interface PlanMarkdownOptions {
  /** Replace emails by `a***@example.com` (public repositories). */
  readonly maskEmails: boolean;
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

function fullTextAt(options: PlanCommentOptions): string {
  return options.fullTextAt ?? (options.runUrl ? `the [job summary](${options.runUrl})` : JOB_SUMMARY);
}

/** Text for the place that always holds the full plan. */
const JOB_SUMMARY = "the job summary";
const EMAIL_IN_TEXT = /[^\s"'<>()@,;]+@[^\s"'<>()@,;]+\.[A-Za-z]{2,}/g;

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

/** Shows an email, masked when asked, as literal code. */
export function who(email: string, maskEmails: boolean): string {
  return code(maskEmails ? maskEmail(email) : email);
}

/** Escapes free text from the plan or Sentry, masking any email in it when asked. */
export function prose(text: string, maskEmails: boolean): string {
  return escape(maskEmails ? maskEmailsIn(text) : text);
}

/** Masks every email inside a text (for diffs and messages shown in public places). */
export function maskEmailsIn(text: string): string {
  return text.replace(EMAIL_IN_TEXT, maskEmail);
}

/** One change as a short phrase, without the member. */
export function describeChange(change: Change | SkippedChange): string {
  switch (change.action) {
    case "invite": {
      const teams = Object.entries(change.teams).map(([team, role]) => `${code(team)} (${role})`);
      return `invite as ${code(change.role)}${teams.length > 0 ? `, to ${teams.join(", ")}` : ""}`;
    }
    case "reinvite":
      return "re-send the expired invite";
    case "set-role":
      return `org role ${code(change.from)} → ${code(change.to)}`;
    case "add-to-team":
      return `add to team ${code(change.team)} as ${change.teamRole}`;
    case "set-team-role":
      return `team ${code(change.team)} role ${change.from} → ${change.to}`;
    case "remove-from-team":
      return `remove from team ${code(change.team)}`;
    case "remove-member":
      return "**remove from the organization**";
    case "create-team":
      return `create team ${code(change.team)} named ${code(change.name)}`;
  }
}

/** The member (or team) a change is about, for grouping. */
export function subjectOf(change: Change | SkippedChange, maskEmails: boolean): string {
  return change.action === "create-team" ? `team ${code(change.team)}` : who(change.email, maskEmails);
}

const ACTION_LABELS: Readonly<Record<Change["action"], string>> = {
  "create-team": "create team",
  invite: "invite",
  reinvite: "re-invite",
  "set-role": "change org role",
  "add-to-team": "add to team",
  "set-team-role": "change team role",
  "remove-from-team": "remove from team",
  "remove-member": "remove member",
};

function planHead(plan: Plan, options: PlanMarkdownOptions): string {
  const title = options.purpose === "drift" ? "Sentry drift report" : "Sentry roster plan";
  const removals = plan.changes.filter((change) => change.action === "remove-member").length;
  const verdict =
    plan.violations.length > 0
      ? `**Refused:** ${plural(plan.violations.length, "violation")}; nothing will be applied.`
      : plan.changes.length === 0
        ? "**No changes.** Sentry matches the roster."
        : `**${plural(plan.changes.length, "change")}**${removals > 0 ? `, including ${plural(removals, "removal")}` : ""}.`;
  const counts = new Map<string, number>();
  for (const change of plan.changes) counts.set(ACTION_LABELS[change.action], (counts.get(ACTION_LABELS[change.action]) ?? 0) + 1);
  const rows = [...counts].map(([label, count]) => [label, String(count)]);
  if (plan.skipped.length > 0) rows.push(["skipped", String(plan.skipped.length)]);
  if (plan.drift.length > 0) rows.push(["drift", String(plan.drift.length)]);
  if (plan.warnings.length > 0) rows.push(["warnings", String(plan.warnings.length)]);
  const lines = [`### ${title} for ${code(plan.organization)}`, "", verdict, "", `Digest ${code(plan.digest.slice(0, 16))}`];
  if (rows.length > 0) lines.push("", table(["", "count"], rows));
  return lines.join("\n");
}

function planSections(plan: Plan, options: PlanMarkdownOptions): CommentSection[] {
  const mask = options.maskEmails;
  const sections: CommentSection[] = [];
  const push = (title: string, blocks: string[], itemsPerBlock: number[], unit: string) => {
    if (blocks.length > 0) sections.push({ title, blocks, itemsPerBlock, unit });
  };
  push(
    "Violations: the plan is refused",
    plan.violations.map((violation) => `- ${prose(violation.message, mask)}`),
    plan.violations.map(() => 1),
    "violation",
  );
  const removals = plan.changes.filter((change) => change.action === "remove-member");
  push(
    "Removals",
    removals.map((change) => `- ${subjectOf(change, mask)}: ${describeChange(change)}`),
    removals.map(() => 1),
    "removal",
  );
  const groups = groupBySubject(plan.changes.filter((change) => change.action !== "remove-member"), mask);
  push(
    "Changes",
    groups.map(([subject, changes]) => [`- ${subject}`, ...changes.map((change) => `  - ${describeChange(change)}`)].join("\n")),
    groups.map(([, changes]) => changes.length),
    "change",
  );
  const ownerSkips = plan.skipped.filter((skip) => skip.reason === "owner-protected" || skip.reason === "last-owner");
  const otherSkips = plan.skipped.filter((skip) => !ownerSkips.includes(skip));
  const skipLine = (skip: SkippedChange) =>
    `- ${subjectOf(skip, mask)}: ${describeChange(skip)} — ${code(skip.reason)}: ${prose(skip.detail, mask)}`;
  push("Skipped to protect owners", ownerSkips.map(skipLine), ownerSkips.map(() => 1), "skipped change");
  push("Skipped", otherSkips.map(skipLine), otherSkips.map(() => 1), "skipped change");
  push(
    options.purpose === "drift" ? "Changed by hand in Sentry" : "Drift",
    plan.drift.map((drift) =>
      drift.kind === "unlisted-member"
        ? `- ${who(drift.email, mask)} (${code(drift.role)}${drift.pending ? ", invite pending" : ""}) is in Sentry but not in the roster`
        : `- team ${code(drift.team)} is not managed by the roster`,
    ),
    plan.drift.map(() => 1),
    "drift entry",
  );
  const warnings = [
    ...plan.warnings.map((warning) => `- ${prose(warning.message, mask)}`),
    ...(options.rosterIssues ?? [])
      .filter((issue) => issue.severity === "warning")
      .map((issue) => `- ${code(`${issue.file}:${issue.line}:${issue.col}`)} ${prose(issue.message, mask)}`),
  ];
  push("Warnings", warnings, warnings.map(() => 1), "warning");
  return sections;
}

// Grouped by the raw email or team, shown masked: two masked emails may look alike.
function groupBySubject(changes: readonly Change[], maskEmails: boolean): [string, Change[]][] {
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    const key = change.action === "create-team" ? `team:${change.team}` : `member:${change.email.toLowerCase()}`;
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  return [...groups.values()].map((group) => [subjectOf(group[0] as Change, maskEmails), group]);
}

function footer(options: PlanMarkdownOptions): string {
  const parts = [
    options.runUrl ? `[workflow run](${options.runUrl})` : undefined,
    options.sha ? `commit ${code(options.sha.slice(0, 12))}` : undefined,
  ].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? `<sub>sentry-roster · ${parts.join(" · ")}</sub>` : "<sub>sentry-roster</sub>";
}

/** What apply did, for the PR comment and the job summary. */
export interface ApplyCommentOptions extends PlanCommentOptions {
  /** The reviewed marker read from the PR; kept (with `applied`) so the comment stays ours and traceable. */
  readonly reviewedMarker?: CommentMarker;
  /** Changes of the recomputed plan that were not reviewed: not applied. */
  readonly notReviewed?: readonly Change[];
  /** Why nothing was applied at all, when apply was refused before any write. */
  readonly refusedBecause?: string;
}

const OUTCOME_SECTIONS: readonly { readonly status: OutcomeStatus; readonly title: string }[] = [
  { status: "failed", title: "Failed" },
  { status: "not-run", title: "Not run" },
  { status: "skipped", title: "Skipped" },
  { status: "applied", title: "Applied" },
];

/** The sticky comment after apply: the outcome of every change, shrunk to fit like a plan. */
export function renderApplyComment(plan: Plan, result: ApplyResult | undefined, options: ApplyCommentOptions): FitResult {
  // Without a reviewed marker the comment must not vouch for the recomputed plan: it reviews nothing.
  const base = options.reviewedMarker ?? { org: plan.organization, digest: "0".repeat(64), ids: [] };
  const applied = { ...base, applied: options.sha ?? "yes" };
  const { ids: _ids, ...digestOnly } = applied;
  return fitToLimit(
    {
      marker: { withIds: writeMarker(applied), digestOnly: writeMarker(digestOnly) },
      head: applyHead(plan, result, options),
      sections: applySections(result, options),
      footer: footer(options),
      fullTextAt: fullTextAt(options),
    },
    options.maxChars ?? MAX_COMMENT_CHARS,
  );
}

/** The apply outcome in full, for the job summary. */
export function renderApplyMarkdown(plan: Plan, result: ApplyResult | undefined, options: ApplyCommentOptions): string {
  const sections = applySections(result, options).map((section) => `#### ${section.title}\n\n${section.blocks.join("\n")}`);
  return [applyHead(plan, result, options), ...sections, footer(options)].join("\n\n") + "\n";
}

function applyHead(plan: Plan, result: ApplyResult | undefined, options: ApplyCommentOptions): string {
  const counts = result ? countOutcomes(result) : { applied: 0, failed: 0, skipped: 0, "not-run": 0 };
  const notReviewed = options.notReviewed?.length ?? 0;
  const verdict = options.refusedBecause
    ? `**Nothing applied:** ${prose(options.refusedBecause, options.maskEmails)}`
    : counts.failed > 0 || notReviewed > 0 || counts["not-run"] > 0
      ? `**Apply incomplete:** ${counts.applied} applied, ${counts.failed} failed, ${notReviewed} not reviewed, ${counts["not-run"]} not run.`
      : `**Applied** ${plural(counts.applied, "change")}.`;
  const rows = [
    ["applied", String(counts.applied)],
    ["failed", String(counts.failed)],
    ["not reviewed (not applied)", String(notReviewed)],
    ["not run", String(counts["not-run"])],
    ["skipped", String(counts.skipped + (result ? result.skipped.length : plan.skipped.length))],
  ];
  return [`### Sentry roster applied to ${code(plan.organization)}`, "", verdict, "", table(["", "count"], rows)].join("\n");
}

function applySections(result: ApplyResult | undefined, options: ApplyCommentOptions): CommentSection[] {
  const mask = options.maskEmails;
  const line = (change: Change | SkippedChange, note?: string) =>
    `- ${subjectOf(change, mask)}: ${describeChange(change)}${note ? ` — ${prose(note, mask)}` : ""}`;
  const sections: CommentSection[] = [];
  const notReviewed = options.notReviewed ?? [];
  if (notReviewed.length > 0) {
    sections.push({
      title: "Not reviewed: not applied",
      blocks: notReviewed.map((change) => line(change, `id ${shortId(change.id)} is not in the reviewed plan`)),
      itemsPerBlock: notReviewed.map(() => 1),
      unit: "change",
    });
  }
  for (const { status, title } of OUTCOME_SECTIONS) {
    const outcomes = (result?.outcomes ?? []).filter((outcome) => outcome.status === status);
    const blocks = outcomes.map((outcome) => line(outcome.change, outcome.message));
    if (status === "skipped") blocks.push(...(result?.skipped ?? []).map((skip) => line(skip, `${skip.reason}: ${skip.detail}`)));
    if (blocks.length > 0) sections.push({ title, blocks, itemsPerBlock: blocks.map(() => 1), unit: "change" });
  }
  return sections;
}

/** Roster problems as a Markdown list (every one, for the job summary and the comment). */
export function renderRosterIssuesMarkdown(issues: readonly RosterIssue[], maskEmails: boolean): string {
  return issues
    .map((issue) => {
      const where = code(`${issue.file}:${issue.line}:${issue.col}`);
      const hint = issue.hint ? `<br>hint: ${prose(issue.hint, maskEmails)}` : "";
      return `- ${issue.severity === "warning" ? "warning " : ""}${where} ${prose(issue.message, maskEmails)}${hint}`;
    })
    .join("\n");
}

/** The sticky comment when the roster is invalid: no plan, every problem listed, nothing reviewable. */
export function renderRosterIssuesComment(file: string, issues: readonly RosterIssue[], options: PlanCommentOptions & { readonly organization: string }): FitResult {
  const errors = issues.filter((issue) => issue.severity === "error").length;
  // No plan was computed: the marker reviews nothing (no ids), so apply can never trust it for a change.
  const marker = writeMarker({ org: options.organization, digest: "0".repeat(64), ids: [], ...(options.sha ? { sha: options.sha } : {}) });
  const blocks = issues.map((issue) => renderRosterIssuesMarkdown([issue], options.maskEmails));
  return fitToLimit(
    {
      marker: { withIds: marker, digestOnly: marker },
      head: [`### Sentry roster plan`, "", `**${code(file)} has ${plural(errors, "error")}**: no plan was computed. Fix the roster and push again.`].join("\n"),
      sections: [{ title: "Roster problems", blocks, itemsPerBlock: blocks.map(() => 1), unit: "problem" }],
      footer: footer(options),
      fullTextAt: fullTextAt(options),
    },
    options.maxChars ?? MAX_COMMENT_CHARS,
  );
}

/** A unified diff (already computed) as a fenced block, for the drift report. */
export function renderDiffMarkdown(title: string, patch: string): string {
  return `#### ${title}\n\n${fenced(patch, "diff")}`;
}
