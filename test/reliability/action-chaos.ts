/**
 * The chaos matrix on the Action's merge path: a PR's sticky comment holds
 * the reviewed plan (written as the Action writes it), the merge commit's
 * push runs `mode: apply` in process (runAction, what dist/index.js runs)
 * while the fake Sentry misbehaves, re-running the job until it succeeds.
 * Afterwards a fault-free plan must be empty, no invite sent twice, every
 * invariant kept, and no comment, summary or log line holds the token or a
 * full email (mask-emails on).
 */
import type { ActionPlatform, ActionRequest, ActionRunResult } from "../../src/commands/github-action/action-types.js";
import { runAction } from "../../src/commands/github-action/run-action.js";
import { renderPlanComment } from "../../src/render/plan-comment.js";
import { maskEmailsInMarkdown } from "../../src/render/vocabulary.js";
import { startFakeGitHub } from "../fakes/fake-github.js";
import { CHAOS_FAULTS, MAX_APPLY_RUNS, countFaults, timeoutWrapper, type ChaosFault, type ChaosRunFigures } from "./chaos.js";
import { connectionFor, planIn, ROSTER_PATH, startHarness } from "./harness.js";
import { brokenInvariants, duplicateInvites } from "./invariants.js";
import { brief } from "./model-run.js";
import { randomScenario, SCENARIO_TOKEN } from "./random-org.js";
import { findLeaks, requestLogText, type CapturedText } from "./secret-scan.js";
import { seededRandom } from "./seeded-random.js";

const GITHUB_TOKEN = "ghs_reliability_github_token_0a1b2c3d4e5f";
const HEAD_SHA = "1".repeat(40);
const MERGE_SHA = "2".repeat(40);
const PR = 7;

/** A platform that records what the Action shows. */
function recordingPlatform(texts: CapturedText[]): ActionPlatform {
  return {
    annotate: (level, message) => texts.push({ where: `annotation (${level})`, text: message }),
    info: (message) => texts.push({ where: "log", text: message }),
    appendSummary: async (markdown) => void texts.push({ where: "job summary", text: markdown }),
    group: (_name, run) => run(),
  };
}

/** Runs scenario `seed` through PR review and the merge path under `fault`. */
export async function runActionChaos(fault: ChaosFault, seed: number): Promise<ChaosRunFigures> {
  const scenario = randomScenario(seededRandom(seed));
  let armed = false;
  let faultsHit = 0;
  const hit = () => (faultsHit += 1);
  const harness = await startHarness(scenario, fault.timeouts ? { wrapFetch: timeoutWrapper(fault.timeouts.rate, seed, () => armed, hit) } : {});
  countFaults(harness.fake, hit);
  const github = await startFakeGitHub({ tokens: { [GITHUB_TOKEN]: { login: "github-actions[bot]" } } });
  const problems: string[] = [];
  try {
    const before = harness.fake.state();
    const clean = await planIn(harness);
    if (!clean.plan) throw new Error(`seed ${seed}: the clean plan failed: ${clean.error}`);
    const refused = clean.plan.violations.length > 0;
    // The PR run posted this comment; the merge commit belongs to that PR.
    const planComment = github.addComment(PR, maskEmailsInMarkdown(renderPlanComment(clean.plan, { sha: HEAD_SHA }).text), "github-actions[bot]");
    const approvedBody = planComment.body;
    github.setPulls(MERGE_SHA, [{ number: PR, merged_at: "2026-11-23T10:00:00Z", merge_commit_sha: MERGE_SHA, head: { sha: HEAD_SHA } }]);
    const texts: CapturedText[] = [];
    const request: ActionRequest = {
      mode: "apply",
      rosterPath: ROSTER_PATH,
      sentry: connectionFor(harness),
      github: { token: GITHUB_TOKEN, apiUrl: github.apiUrl, serverUrl: github.url, owner: "acme", repo: "roster", runId: 1, sha: MERGE_SHA },
      comment: true,
      maskEmails: true,
      requireReviewedPlan: true,
      requireApproval: false,
      failOnDrift: false,
      driftIssue: false,
      planFile: undefined,
      snapshotFile: undefined,
    };
    fault.arm?.(harness.fake, seed);
    armed = true;
    const logStart = harness.fake.requests.length;
    let runs = 0;
    let result: ActionRunResult | undefined;
    while (!result?.ok && runs < MAX_APPLY_RUNS) {
      runs += 1;
      result = await runAction(request, recordingPlatform(texts), harness.deps);
      texts.push({ where: `run ${runs} result`, text: JSON.stringify(result) });
      if (refused) break;
    }
    harness.fake.faults.clear();
    armed = false;
    const final = await planIn(harness);
    const left = final.plan?.changes ?? [];
    const succeeded = result?.ok === true;
    const lost = succeeded ? left.length : 0;
    if (lost > 0) problems.push(`the Action reported success, yet ${lost} changes are missing: ${left.map(brief).join("; ")}`);
    if (refused && harness.fake.requests.some((r) => r.method !== "GET")) problems.push("the plan was refused, yet writes were sent");
    problems.push(...brokenInvariants(scenario, before, harness.fake.state(), harness.fake.requests));
    const comments = github.comments(PR);
    // The plan comment stays exactly as approved; every run's outcome goes to the one apply-log comment.
    if (comments[0]?.body !== approvedBody) problems.push("the plan comment changed after approval");
    if (comments.length !== 2) problems.push(`${comments.length} comments on the PR, expected the plan comment and one apply log`);
    texts.push(...comments.map((c, i) => ({ where: `PR comment ${i}`, text: c.body })), requestLogText("fake GitHub log", github.requests), requestLogText("fake Sentry log", harness.fake.requests.filter((r) => r.method === "GET")));
    const emails = [...before.members.map((m) => m.email), ...harness.fake.state().members.map((m) => m.email)];
    const publicTexts = texts.filter((t) => t.where !== "fake Sentry log" && t.where !== "fake GitHub log");
    problems.push(...findLeaks(texts, { tokens: [SCENARIO_TOKEN, GITHUB_TOKEN] }), ...findLeaks(publicTexts, { tokens: [], emails }));
    const duplicates = duplicateInvites(before, harness.fake.state(), harness.fake.requests);
    return {
      fault: fault.name,
      seed,
      attempted: refused ? 0 : clean.plan.changes.length,
      runs,
      converged: refused || succeeded,
      lost,
      duplicateInvites: duplicates.length,
      requests: harness.fake.requests.length - logStart,
      faultsHit,
      problems: problems.map((p) => `Action merge path, ${fault.name}, seed ${seed}: ${p}`),
    };
  } finally {
    await github.close();
    await harness.close();
  }
}

/** The faults the merge path is run under: all of them. */
export const ACTION_CHAOS_FAULTS: readonly ChaosFault[] = CHAOS_FAULTS;
