import { join } from "node:path";
import * as realCore from "@actions/core";
import { context as realContext } from "@actions/github";
import { describeError } from "../commands/describe-error.js";
import type { ActionPlatform, ActionRequest } from "../commands/github-action/run-action.js";
import { runAction } from "../commands/github-action/run-action.js";
import { createNodeDeps } from "../commands/node-deps.js";
import { watchProcessInterrupts } from "../commands/process-interrupts.js";
import { coreLogger } from "./core-logger.js";
import { type ActionInputs, type InputName, parseInputs } from "./inputs.js";
import { writeOutputs } from "./outputs.js";
import { type ModeInput, isPullRequestEvent, refusedEvent, selectMode } from "./select-mode.js";

/** The parts of @actions/core the Action uses, so a test can pass its own. */
export type ActionCore = Pick<
  typeof realCore,
  "getInput" | "setSecret" | "setOutput" | "setFailed" | "info" | "warning" | "error" | "notice" | "group" | "summary"
>;

/** The parts of @actions/github's context the Action reads (loaded at import time, so passed in). */
export interface EventContext {
  readonly eventName: string;
  readonly sha: string;
  readonly ref: string;
  readonly runId: number;
  readonly apiUrl: string;
  readonly serverUrl: string;
  readonly repo: { readonly owner: string; readonly repo: string };
  readonly payload: {
    readonly repository?: { readonly private?: boolean; readonly default_branch?: string } | undefined;
    readonly pull_request?: { readonly number: number; readonly head?: { readonly sha?: string } } | undefined;
  };
}

/** The entry point only translates: inputs → request → runAction → outputs, or setFailed. */
export async function run(core: ActionCore = realCore, event: EventContext = realContext as EventContext, env = process.env): Promise<void> {
  let tokens: string[] = [];
  try {
    const inputs = parseInputs((name: InputName) => core.getInput(name), event.payload.repository?.private);
    tokens = [inputs.sentryToken, inputs.githubToken].filter((token) => token !== "");
    for (const token of tokens) core.setSecret(token);
    // A cancelled job gets SIGINT, then SIGTERM: stop writing and still report (docs/action.md).
    const interrupts = watchProcessInterrupts((text) => core.warning(text.trim()));
    const request = { ...buildRequest(inputs, event, env), stop: interrupts.signal };
    core.info(`sentry-roster: ${request.mode} (${event.eventName}) for ${request.rosterPath}`);
    const result = await runAction(request, platformOf(core), createNodeDeps(coreLogger(core))).finally(() => interrupts.dispose());
    writeOutputs((name, value) => core.setOutput(name, value), result.outputs);
    if (result.ok) core.info(result.message);
    else core.setFailed(result.message);
  } catch (error) {
    let message = describeError(error);
    for (const token of tokens) message = describeError(new Error(message), token);
    core.setFailed(message);
  }
}

/** Decides the mode, and falls back to validation when a fork PR has no Sentry secret. */
function buildRequest(inputs: ActionInputs, event: EventContext, env: Readonly<Record<string, string | undefined>>): ActionRequest {
  const refusal = refusedEvent(event.eventName);
  if (refusal) throw new Error(refusal);
  let mode = selectMode(inputs.mode as ModeInput, {
    eventName: event.eventName,
    ref: event.ref,
    defaultBranch: event.payload.repository?.default_branch,
  });
  let validateOnlyReason: string | undefined;
  if (!inputs.sentryToken && mode !== "validate") {
    if (!isPullRequestEvent(event.eventName)) {
      throw new Error(`input "sentry-token" is empty, and ${mode} needs a Sentry token: pass the secret, e.g. sentry-token: \${{ secrets.SENTRY_ROSTER_TOKEN }}`);
    }
    mode = "validate";
    validateOnlyReason =
      "No Sentry token: pull requests from forks get no secrets, so only the roster was validated. A maintainer can run the plan from a branch of this repository.";
  }
  const pull = event.payload.pull_request;
  const temp = env["RUNNER_TEMP"];
  return {
    mode,
    ...(validateOnlyReason ? { validateOnlyReason } : {}),
    rosterPath: inputs.roster,
    ...(inputs.organization ? { organization: inputs.organization } : {}),
    sentry: inputs.sentryToken
      ? { baseUrl: inputs.sentryUrl, token: inputs.sentryToken, tokenSource: "the sentry-token input", urlSource: "the sentry-url input" }
      : undefined,
    github: {
      token: inputs.githubToken,
      apiUrl: event.apiUrl,
      serverUrl: event.serverUrl,
      owner: event.repo.owner,
      repo: event.repo.repo,
      runId: event.runId,
      sha: event.sha,
      ...(pull ? { pullRequest: { number: pull.number, headSha: pull.head?.sha ?? event.sha } } : {}),
    },
    comment: inputs.comment,
    maskEmails: inputs.maskEmails,
    requireReviewedPlan: inputs.requireReviewedPlan,
    requireApproval: inputs.requireApproval,
    failOnDrift: inputs.failOnDrift,
    driftIssue: inputs.driftIssue,
    planFile: temp ? join(temp, `sentry-roster-plan-${event.runId}.json`) : undefined,
    snapshotFile: temp ? join(temp, `sentry-roster-snapshot-${event.runId}.json`) : undefined,
  };
}

/** The runner as the use cases see it: annotations, log, job summary and log groups. */
function platformOf(core: ActionCore): ActionPlatform {
  return {
    annotate: (level, message, where) => {
      const properties = where
        ? { file: where.file, startLine: where.line, ...(where.col !== undefined ? { startColumn: where.col } : {}) }
        : {};
      core[level](message, properties);
    },
    info: (message) => core.info(message),
    // Blank lines around Markdown, or GitHub renders it as text next to HTML.
    appendSummary: async (markdown) => {
      try {
        await core.summary.addRaw(`\n${markdown.trim()}\n\n`).write();
      } catch (error) {
        // Outside a runner there is no GITHUB_STEP_SUMMARY: say so, but do not fail a run that did its work.
        core.summary.emptyBuffer();
        core.warning(`could not write the job summary: ${describeError(error)}`);
      }
    },
    group: (name, fn) => core.group(name, fn),
  };
}
