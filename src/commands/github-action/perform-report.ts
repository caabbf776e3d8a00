/**
 * The executor of an ActionReport: performs its effects in the order given
 * and settles the verdict. It decides nothing about what to report
 * (action-report.ts does); it only knows how each kind of effect is carried
 * out, and what a failed one costs (its `onFailure`).
 */
import { appendToLogComment } from "../../github/log-comment.js";
import { readViewerLogin, upsertStickyComment } from "../../github/sticky-comment.js";
import { APPLY_LOG_PREFIX, renderApplyLogHead } from "../../render/apply-log.js";
import { MARKER_PREFIX, samePlanComment } from "../../render/comment-marker.js";
import { MAX_COMMENT_CHARS, type FitResult } from "../../render/fit-to-limit.js";
import type { Deps } from "../deps.js";
import { describeError } from "../describe-error.js";
import type { ActionPlatform, ActionRequest, ActionRunResult } from "./action-types.js";
import { syncDriftIssue } from "./drift-issue.js";
import { openGitHub, publicMarkdown } from "./report.js";
import { type ActionReport, type DriftIssueEffect, type ReportEffect, settleVerdict } from "./report-effects.js";

/** The world an ActionReport is written to: the runner, the plan file, and the pull request or issue on GitHub. */
export interface ReportPorts {
  readonly platform: ActionPlatform;
  writePlanFile(path: string, json: string): Promise<void>;
  upsertStickyComment(pullRequest: number, comment: FitResult): Promise<void>;
  appendApplyLog(pullRequest: number, entry: string): Promise<void>;
  syncDriftIssue(effect: DriftIssueEffect): Promise<void>;
}

/** Performs every effect in order (a failed `onFailure` effect does not stop the rest), then returns outputs and the settled verdict. */
export async function performReport(report: ActionReport, ports: ReportPorts): Promise<ActionRunResult> {
  let failure: string | undefined;
  for (const effect of report.effects) {
    const failed = await performEffect(effect, ports);
    failure ??= failed;
  }
  return { ...settleVerdict(report, failure), outputs: report.outputs };
}

/** Performs a list of effects that cannot fail the run (notes shown before the run goes on). */
export async function performEffects(effects: readonly ReportEffect[], ports: ReportPorts): Promise<void> {
  for (const effect of effects) await performEffect(effect, ports);
}

/** One effect; the failure line when an effect with `onFailure` failed. */
async function performEffect(effect: ReportEffect, ports: ReportPorts): Promise<string | undefined> {
  switch (effect.kind) {
    case "annotate":
      ports.platform.annotate(effect.level, effect.message, effect.where);
      return undefined;
    case "log":
      ports.platform.info(effect.message);
      return undefined;
    case "summary":
      await ports.platform.appendSummary(effect.markdown);
      return undefined;
    case "plan-file":
      await ports.writePlanFile(effect.path, effect.json);
      return undefined;
    case "sticky-comment":
      return guarded(effect, ports.platform, () => ports.upsertStickyComment(effect.pullRequest, effect.comment));
    case "apply-log":
      return guarded(effect, ports.platform, () => ports.appendApplyLog(effect.pullRequest, effect.entry));
    case "drift-issue":
      return guarded(effect, ports.platform, () => ports.syncDriftIssue(effect));
  }
}

/** Runs a GitHub write in its log group; with `onFailure`, a failure becomes its line (annotated if asked) instead of an exception. */
async function guarded(
  effect: { readonly group?: string; readonly onFailure?: { readonly line: string; readonly annotate: boolean } },
  platform: ActionPlatform,
  write: () => Promise<void>,
): Promise<string | undefined> {
  const attempt = async (): Promise<string | undefined> => {
    if (!effect.onFailure) return write().then(() => undefined);
    try {
      await write();
      return undefined;
    } catch (error) {
      const message = `${effect.onFailure.line}: ${describeError(error)}`;
      if (effect.onFailure.annotate) platform.annotate("error", message);
      return message;
    }
  };
  return effect.group ? platform.group(effect.group, attempt) : attempt();
}

/**
 * The ports of a real run: the runner through `platform` (already behind the
 * masking boundary), files through deps, GitHub through Octokit as the
 * token's own user. Comment and issue bodies pass the boundary here.
 */
export function githubReportPorts(request: ActionRequest, platform: ActionPlatform, deps: Pick<Deps, "writeFile">): ReportPorts {
  const github = request.github;
  const repo = { owner: github.owner, repo: github.repo };
  return {
    platform,
    writePlanFile: (path, json) => deps.writeFile(path, json),
    async upsertStickyComment(number, comment) {
      const client = openGitHub(github);
      const viewer = await readViewerLogin(client);
      const body = publicMarkdown(request, comment.text);
      const result = await upsertStickyComment(client, { ...repo, number }, body, { markerPrefix: MARKER_PREFIX, viewer, sameContent: samePlanComment });
      const did = result.created ? "created" : result.unchanged ? "left unchanged (same plan)" : "updated";
      platform.info(`${did} the plan comment on #${number} (${body.length} characters, ${comment.stage}${comment.idsEmbedded ? "" : ", digest only"})`);
    },
    async appendApplyLog(number, entry) {
      const client = openGitHub(github);
      const viewer = await readViewerLogin(client);
      const text = publicMarkdown(request, entry);
      const written = await appendToLogComment(client, { ...repo, number }, { head: renderApplyLogHead(), text }, { markerPrefix: APPLY_LOG_PREFIX, viewer, maxChars: MAX_COMMENT_CHARS });
      platform.info(`${written.created ? "started" : "appended to"} the apply log on #${number}`);
    },
    syncDriftIssue: (effect) => syncDriftIssue(effect, request, platform),
  };
}
