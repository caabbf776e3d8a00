import { shortId } from "../plan/change-id.js";
import { type ApplyResult, type OutcomeStatus, countOutcomes } from "../plan/outcome.js";
import type { Change, Plan } from "../plan/plan.js";
import { type CommentMarker, writeMarker } from "./comment-marker.js";
import { type CommentSection, type FitResult, MAX_COMMENT_CHARS, fitToLimit } from "./fit-to-limit.js";
import { code, escape, table } from "./markdown.js";
import { changeLineMarkdown, footer, fullTextAt, type PlanCommentOptions } from "./plan-comment.js";
import { plural } from "./vocabulary.js";

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
    ? `**Nothing applied:** ${escape(options.refusedBecause)}`
    : counts.failed > 0 || notReviewed > 0 || counts["not-run"] > 0
      ? `**Apply incomplete:** ${counts.applied} applied, ${counts.failed} failed, ${notReviewed} not reviewed, ${counts["not-run"]} not run.`
      : `**Applied** ${plural(counts.applied, "change")}.`;
  // Why the rest was not sent (an interrupt, a rejected token, failures in a row): the reader's next step.
  const stopped = result?.stoppedBecause && !options.refusedBecause ? ` Stopped early: ${escape(result.stoppedBecause)}.` : "";
  const rows = [
    ["applied", String(counts.applied)],
    ["failed", String(counts.failed)],
    ["not reviewed (not applied)", String(notReviewed)],
    ["not run", String(counts["not-run"])],
    ["skipped", String(counts.skipped + (result ? result.skipped.length : plan.skipped.length))],
  ];
  return [`### Sentry roster applied to ${code(plan.organization)}`, "", `${verdict}${stopped}`, "", table(["", "count"], rows)].join("\n");
}

function applySections(result: ApplyResult | undefined, options: ApplyCommentOptions): CommentSection[] {
  const line = changeLineMarkdown;
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

