import type { Deps } from "../deps.js";
import { describeError } from "../describe-error.js";
import { planCommand } from "../plan.js";
import { validateCommand } from "../validate.js";
import { buildActionReport } from "./action-report.js";
import type { ActionPlatform, ActionRequest, ActionRunResult } from "./action-types.js";
import { applyOnMerge } from "./apply-on-merge.js";
import { githubReportPorts, performEffects, performReport } from "./perform-report.js";
import { validateOnlyNotes } from "./plan-report.js";
import { publicPlatform, publicText } from "./report.js";

export type * from "./action-types.js";

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

/** Validate mode: read and check the roster, then report (a notice first when the mode fell back from plan). */
async function validateStep(request: ActionRequest, platform: ActionPlatform, deps: Deps): Promise<ActionRunResult> {
  const ports = githubReportPorts(request, platform, deps);
  await performEffects(validateOnlyNotes(request), ports);
  const loaded = await platform.group("Validate the roster", () => validateCommand(request.rosterPath, deps));
  return performReport(buildActionReport(request, { kind: "validated", issues: loaded.issues }), ports);
}

/** Plan and drift modes: plan (reads only), then report; drift mode also reads the roster's text for the adopt diff. */
async function planStep(request: ActionRequest, platform: ActionPlatform, deps: Deps): Promise<ActionRunResult> {
  const connection = request.sentry;
  if (!connection) return { ok: false, message: "sentry-token is empty: a plan needs a Sentry token", outputs: {} };
  const drift = request.mode === "drift";
  const planned = await platform.group(drift ? "Read Sentry and report drift" : "Plan", () =>
    planCommand({ rosterPath: request.rosterPath, connection, ...(request.organization ? { org: request.organization } : {}) }, deps),
  );
  const rosterText = drift && planned.kind === "planned" ? await deps.readFile(request.rosterPath) : undefined;
  const report = buildActionReport(request, { kind: "planned", planned, ...(rosterText !== undefined ? { rosterText } : {}) });
  return performReport(report, githubReportPorts(request, platform, deps));
}
