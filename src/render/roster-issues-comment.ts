import type { RosterIssue } from "../domain/roster-issue.js";
import { writeMarker } from "./comment-marker.js";
import { type FitResult, MAX_COMMENT_CHARS, fitToLimit } from "./fit-to-limit.js";
import { code, escape } from "./markdown.js";
import { footer, fullTextAt, type PlanCommentOptions } from "./plan-comment.js";
import { plural } from "./vocabulary.js";

/** Roster problems as a Markdown list (every one, for the job summary and the comment). */
export function renderRosterIssuesMarkdown(issues: readonly RosterIssue[]): string {
  return issues
    .map((issue) => {
      const where = code(`${issue.file}:${issue.line}:${issue.col}`);
      const hint = issue.hint ? `<br>hint: ${escape(issue.hint)}` : "";
      return `- ${issue.severity === "warning" ? "warning " : ""}${where} ${escape(issue.message)}${hint}`;
    })
    .join("\n");
}

/** The sticky comment when the roster is invalid: no plan, every problem listed, nothing reviewable. */
export function renderRosterIssuesComment(file: string, issues: readonly RosterIssue[], options: PlanCommentOptions & { readonly organization: string }): FitResult {
  const errors = issues.filter((issue) => issue.severity === "error").length;
  // No plan was computed: the marker reviews nothing (no ids), so apply can never trust it for a change.
  const marker = writeMarker({ org: options.organization, digest: "0".repeat(64), ids: [], ...(options.sha ? { sha: options.sha } : {}) });
  const blocks = issues.map((issue) => renderRosterIssuesMarkdown([issue]));
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

