import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "../support/fixtures.js";
import { rosterText } from "../support/rosters.js";
import { runAction, type ActionRun } from "../support/run-action.js";
import { assertNoLeaks, requestLogText, withoutMaskCommands, type CapturedText } from "./secret-scan.js";
import { MAX_WRITE_ATTEMPTS } from "../../src/sentry/retry-policy.js";

const READ_TOKEN = "sntryu_readonly_token_0123456789abcdef";
const WRITE_TOKEN = "sntryu_owner_token_0123456789abcdef";
const GITHUB_TOKEN = "ghs_reliability_secrets_token_0123456789";
const HEAD_SHA = "1".repeat(40);
const MERGE_SHA = "2".repeat(40);
/** A public repository: mask-emails defaults to true. */
const REPOSITORY = { private: false, default_branch: "main" };
/** The example org plus heidi, bob promoted: three changes (one of them fails below). */
const ROSTER = rosterText("example-three-changes");

function texts(label: string, run: ActionRun): CapturedText[] {
  return [
    { where: `${label} stdout (log and annotations)`, text: withoutMaskCommands(run.stdout) },
    { where: `${label} stderr`, text: run.stderr },
    { where: `${label} job summary`, text: run.summary },
    { where: `${label} outputs`, text: JSON.stringify(run.outputs) },
  ];
}

describe("secrets through the built Action on a public repository", () => {
  test("shows no token and no full email anywhere, from the PR plan to an apply with a failed change", async ({ startSentry, startGitHub }) => {
    const sentry = await startSentry();
    const github = await startGitHub({ tokens: { [GITHUB_TOKEN]: { login: "github-actions[bot]" } } });
    const dir = mkdtempSync(join(tmpdir(), "action-secrets-"));
    writeFileSync(join(dir, "roster.yaml"), ROSTER);
    const urls = { apiUrl: github.apiUrl, graphqlUrl: github.graphqlUrl, serverUrl: github.url };
    const plan = await runAction({
      eventName: "pull_request",
      payload: { pull_request: { number: 7, head: { sha: HEAD_SHA }, base: { ref: "main" } }, repository: REPOSITORY },
      ref: "refs/pull/7/merge",
      sha: "9".repeat(40),
      workspace: dir,
      github: urls,
      inputs: { "sentry-token": READ_TOKEN, "sentry-url": sentry.url, "github-token": GITHUB_TOKEN },
    });
    expect(plan.code, plan.stdout).toBe(0);
    github.setPulls(MERGE_SHA, [{ number: 7, merged_at: "2026-11-23T10:00:00Z", merge_commit_sha: MERGE_SHA, head: { sha: HEAD_SHA } }]);
    // The first member update fails without an answer on every attempt: its failure is annotated, naming the member.
    sentry.faults.failNext(MAX_WRITE_ATTEMPTS, "500", { method: "PUT" });
    const apply = await runAction({
      eventName: "push",
      payload: { ref: "refs/heads/main", after: MERGE_SHA, repository: REPOSITORY },
      ref: "refs/heads/main",
      sha: MERGE_SHA,
      workspace: dir,
      github: urls,
      inputs: { "sentry-token": WRITE_TOKEN, "sentry-url": sentry.url, "github-token": GITHUB_TOKEN },
    });
    expect(apply.code).toBe(1);
    // The failed change is annotated on its member's line, with the email masked.
    expect(apply.stdout).toMatch(/^::error file=roster\.yaml,line=\d+,col=\d+::\w+ \w\*\*\*@example\.com failed: /m);
    // Both tokens were registered with the runner before anything else was printed.
    expect(apply.stdout.split("\n").slice(0, 2)).toEqual([`::add-mask::${WRITE_TOKEN}`, `::add-mask::${GITHUB_TOKEN}`]);
    const emails = [...sentry.state().members.map((member) => member.email), "heidi@example.com"];
    const shown = [...texts("plan", plan), ...texts("apply", apply), ...github.comments(7).map((comment, i) => ({ where: `PR comment ${i}`, text: comment.body }))];
    // Ten texts: the plan comment and the apply-log comment are both on the PR now (the plan comment stays as approved).
    expect(github.comments(7)).toHaveLength(2);
    expect(assertNoLeaks(shown, { tokens: [READ_TOKEN, WRITE_TOKEN, GITHUB_TOKEN], emails })).toBe(10);
    assertNoLeaks([requestLogText("fake GitHub log", github.requests), requestLogText("fake Sentry log", sentry.requests)], { tokens: [READ_TOKEN, WRITE_TOKEN, GITHUB_TOKEN] });
  }, 60_000);
});
