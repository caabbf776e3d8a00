import { countDrift } from "../../plan/drift-count.js";
import { driftHeadline } from "../../render/drift-headline.js";
import { createPatch } from "diff";
import { ISSUE_SEVERITY } from "../../domain/roster-issue.js";
import { toPlanJson } from "../../plan/plan-json.js";
import type { Plan } from "../../plan/plan.js";
import { renderDiffMarkdown } from "../../render/markdown.js";
import { renderPlanComment, renderPlanMarkdown } from "../../render/plan-comment.js";
import { renderRosterIssuesComment } from "../../render/roster-issues-comment.js";
import { writeRoster } from "../../roster/write-roster.js";
import type { Deps } from "../deps.js";
import { describeError } from "../describe-error.js";
import { planCommand } from "../plan.js";
import { validateCommand } from "../validate.js";
import type { ActionPlatform, ActionRequest, ActionRunOutputs, ActionRunResult } from "./action-types.js";
import { applyOnMerge } from "./apply-on-merge.js";
import { syncDriftIssue } from "./drift-issue.js";
import { commentsWanted, fitSummary, postStickyComment, publicPlatform, publicText, reportRosterIssues, runUrl } from "./report.js";

export type * from "./action-types.js";

/** Size of the job summary when the full plan would pass GitHub's 1 MiB per step. */
export const SHORT_SUMMARY_CHARS = 200_000;

/**
 * One Action run: validate, plan (with the sticky comment on a PR), drift
 * report, or apply of the reviewed plan. Never throws for a user mistake: the
 * result says whether the step failed and why, in one line.
 */
export async function runAction(request: ActionRequest, platform: ActionPlatform, deps: Deps): Promise<ActionRunResult> {
  // With mask-emails, annotations, log lines, the summary and the failure message are public too: the boundary masks them.
  const result = await runMode(request, publicPlatform(request, platform), deps);
  return { ...result, message: publicText(request, result.message) };
}

async function runMode(request: ActionRequest, platform: ActionPlatform, deps: Deps): Promise<ActionRunResult> {
  try {
    switch (request.mode) {
      case "validate":
        return await validateStep(request, platform, deps);
      case "plan":
      case "drift":
        return await planStep(request, platform, deps);
      case "apply":
        return await applyOnMerge(request, platform, deps);
    }
  } catch (error) {
    return { ok: false, message: scrub(describeError(error), request), outputs: {} };
  }
}

/** Removes both tokens from a message, as a last line of defence. */
export function scrub(text: string, request: ActionRequest): string {
  let result = text;
  for (const token of [request.sentry?.token, request.github.token]) {
    if (token && token.length >= 4) result = result.split(token).join("[token]");
  }
  return result;
}

async function validateStep(request: ActionRequest, platform: ActionPlatform, deps: Deps): Promise<ActionRunResult> {
  if (request.validateOnlyReason) platform.annotate("notice", request.validateOnlyReason);
  const loaded = await platform.group("Validate the roster", () => validateCommand(request.rosterPath, deps));
  await reportRosterIssues(loaded.issues, platform);
  const errors = loaded.issues.filter((issue) => issue.severity === ISSUE_SEVERITY.Error).length;
  const verdict =
    errors > 0 ? `${request.rosterPath} has ${errors} error${errors === 1 ? "" : "s"}` : `${request.rosterPath} is valid`;
  const why = request.validateOnlyReason ? `\n\n${request.validateOnlyReason}` : "";
  await platform.appendSummary(`### Sentry roster validation\n\n**${verdict}.**${why}\n`);
  return { ok: errors === 0, message: errors > 0 ? `${verdict}; see the annotations` : verdict, outputs: {} };
}

async function planStep(request: ActionRequest, platform: ActionPlatform, deps: Deps): Promise<ActionRunResult> {
  const connection = request.sentry;
  if (!connection) return { ok: false, message: "sentry-token is empty: a plan needs a Sentry token", outputs: {} };
  const drift = request.mode === "drift";
  const planned = await platform.group(drift ? "Read Sentry and report drift" : "Plan", () =>
    planCommand({ rosterPath: request.rosterPath, connection, ...(request.organization ? { org: request.organization } : {}) }, deps),
  );
  await reportRosterIssues(planned.issues, platform);
  const pullRequest = request.github.pullRequest;
  const common = { runUrl: runUrl(request.github), ...(pullRequest ? { sha: pullRequest.headSha } : {}) };
  if (planned.kind === "roster-invalid") {
    if (pullRequest && commentsWanted(request) && !drift) {
      const organization = request.organization ?? "unknown";
      await postStickyComment(request, pullRequest.number, renderRosterIssuesComment(request.rosterPath, planned.issues, { ...common, organization }), platform);
    }
    return { ok: false, message: `${request.rosterPath} is invalid; see the annotations`, outputs: {} };
  }

  const plan = planned.plan;
  if (request.planFile) await deps.writeFile(request.planFile, toPlanJson(plan));
  const options = { ...common, rosterIssues: planned.issues, purpose: drift ? ("drift" as const) : ("plan" as const) };
  const full = renderPlanMarkdown(plan, options);
  let summary = fitSummary(full, () => shortenedSummary(plan, options, request.planFile));
  if (drift) {
    const current = await deps.readFile(request.rosterPath);
    const exported = writeRoster(planned.live, { organization: plan.organization });
    if (plan.changes.length > 0 || plan.drift.length > 0) {
      const patch = createPatch(request.rosterPath, current, exported, "roster in git", "live Sentry org", { context: 2 });
      summary += `\n${renderDiffMarkdown("To adopt the live org instead, change the roster like this", patch)}\n`;
    }
  }
  await platform.appendSummary(summary);

  let commentError: string | undefined;
  if (pullRequest && commentsWanted(request) && !drift) {
    commentError = await platform.group("Post the plan comment", async () => {
      try {
        await postStickyComment(request, pullRequest.number, renderPlanComment(plan, options), platform);
        return undefined;
      } catch (error) {
        return `could not post the plan comment on #${pullRequest.number}: ${describeError(error)}`;
      }
    });
  }
  for (const violation of plan.violations) platform.annotate("error", violation.message);
  const differs = countDrift(plan);
  const issueError = drift && request.driftIssue && request.github.token !== "" ? await syncDriftIssue(plan, differs, request, platform) : undefined;
  return planVerdict(plan, request, commentError ?? issueError);
}

/** Outputs and verdict of a plan or drift report; `reportError` fails a run whose comment or drift issue could not be written. */
function planVerdict(plan: Plan, request: ActionRequest, reportError: string | undefined): ActionRunResult {
  const drift = request.mode === "drift";
  const differs = countDrift(plan);
  const outputs: ActionRunOutputs = {
    hasChanges: plan.changes.length > 0,
    changes: plan.changes.length,
    skipped: plan.skipped.length,
    drift: differs.total,
    hasDrift: differs.total > 0,
    digest: plan.digest,
    ...(request.planFile ? { planFile: request.planFile } : {}),
  };
  // Without the comment there is nothing to review, so the merge would apply nothing: fail now.
  if (reportError) return { ok: false, message: reportError, outputs };
  const counts = `${plan.changes.length} change${plan.changes.length === 1 ? "" : "s"}, ${plan.skipped.length} skipped, ${plan.drift.length} unmanaged`;
  if (plan.violations.length > 0) {
    return { ok: false, message: `the plan is refused: ${plan.violations.map((violation) => violation.message).join("; ")}`, outputs };
  }
  if (drift && request.failOnDrift && differs.total > 0) {
    return { ok: false, message: `${driftHeadline(differs).replace("the roster", request.rosterPath)}; see the job summary`, outputs };
  }
  const what = drift ? `drift report for ${plan.organization}: ${driftHeadline(differs)}` : `plan for ${plan.organization}: ${counts}`;
  return { ok: true, message: what, outputs };
}

function shortenedSummary(plan: Plan, options: Parameters<typeof renderPlanComment>[1], planFile: string | undefined): string {
  const where = planFile ? "the plan file (output <code>plan-file</code>)" : "the plan JSON (<code>sentry-roster plan --json</code>)";
  const short = renderPlanComment(plan, { ...options, maxChars: SHORT_SUMMARY_CHARS, fullTextAt: where }).text;
  return short.replace(/^<!--.*-->\n+/, "");
}
