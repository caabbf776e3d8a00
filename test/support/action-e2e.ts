import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FakeGitHub } from "../fakes/fake-github.js";
import type { FakeSentry } from "../fakes/fake-sentry.js";
import { test as sharedTest } from "./fixtures.js";
import { rosterText } from "./rosters.js";
import { type ActionRun, runAction } from "./run-action.js";

/** Shared set-up of the Action's end-to-end tests: the fakes, a workspace with a roster, and the runs of each event. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const EXAMPLE_ORG = join(ROOT, "test/fixtures/orgs/example-org.json");
export const READ_TOKEN = "sntryu_readonly_token_0123456789abcdef";
export const WRITE_TOKEN = "sntryu_owner_token_0123456789abcdef";
export const GITHUB_TOKEN = "ghs_fake_workflow_token_0123456789";
export const HEAD_SHA = "1".repeat(40);
export const MERGE_SHA = "2".repeat(40);

/** The example org plus one new person (heidi) and bob promoted: three changes. */
export const ROSTER = rosterText("example-three-changes");

/** Both fakes of one test. */
export interface ActionFakes {
  readonly sentry: FakeSentry;
  readonly github: FakeGitHub;
}

/**
 * `test` with one more fixture, `startActionFakes`: the example org in the fake
 * Sentry, and a fake GitHub that knows the workflow token and a fork's
 * read-only one; both closed when the test ends.
 */
export const test = sharedTest.extend<{ startActionFakes: () => Promise<ActionFakes> }>({
  startActionFakes: async ({ startSentry, startGitHub }, use) => {
    await use(async () => ({
      sentry: await startSentry(EXAMPLE_ORG),
      github: await startGitHub({
        tokens: {
          [GITHUB_TOKEN]: { login: "github-actions[bot]" },
          ghs_read_only_fork_token: { login: "github-actions[bot]", readOnly: true },
          ghs_no_issues_token: { login: "github-actions[bot]", noIssues: true },
        },
      }),
    }));
  },
});

export function workspace(roster = ROSTER): string {
  const dir = mkdtempSync(join(tmpdir(), "sentry-roster-action-"));
  writeFileSync(join(dir, "roster.yaml"), roster);
  return dir;
}

export const PR_PAYLOAD = {
  pull_request: { number: 7, head: { sha: HEAD_SHA }, base: { ref: "main" } },
  repository: { private: true, default_branch: "main" },
};
export const PUSH_PAYLOAD = {
  ref: "refs/heads/main",
  after: MERGE_SHA,
  repository: { private: true, default_branch: "main" },
};

export function urls(fake: FakeGitHub) {
  return { apiUrl: fake.apiUrl, graphqlUrl: fake.graphqlUrl, serverUrl: fake.url };
}

export function planOnPr(
  dir: string,
  fake: ActionFakes,
  inputs: Record<string, string> = {},
): Promise<ActionRun> {
  return runAction({
    eventName: "pull_request",
    payload: PR_PAYLOAD,
    ref: "refs/pull/7/merge",
    sha: "9".repeat(40),
    workspace: dir,
    github: urls(fake.github),
    inputs: { "sentry-token": READ_TOKEN, "sentry-url": fake.sentry.url, "github-token": GITHUB_TOKEN, ...inputs },
  });
}

export function applyOnPush(
  dir: string,
  fake: ActionFakes,
  inputs: Record<string, string> = {},
): Promise<ActionRun> {
  return runAction({
    eventName: "push",
    payload: PUSH_PAYLOAD,
    ref: "refs/heads/main",
    sha: MERGE_SHA,
    workspace: dir,
    github: urls(fake.github),
    inputs: { "sentry-token": WRITE_TOKEN, "sentry-url": fake.sentry.url, "github-token": GITHUB_TOKEN, ...inputs },
  });
}

/** Everything a run shows anyone, with the runner's own ::add-mask:: commands removed. */
export function visible(run: ActionRun, fake: FakeGitHub, dir: string): string {
  const planFile = run.outputs["plan-file"];
  return [
    run.stdout
      .split("\n")
      .filter((line) => !line.startsWith("::add-mask::"))
      .join("\n"),
    run.stderr,
    run.summary,
    JSON.stringify(run.outputs),
    ...fake.comments(7).map((comment) => comment.body),
    planFile && existsSync(planFile) ? readFileSync(planFile, "utf8") : "",
    readdirSync(dir).join(" "),
  ].join("\n");
}

