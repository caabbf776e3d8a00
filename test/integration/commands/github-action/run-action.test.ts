import type { FakeGitHub } from "../../../fakes/fake-github.js";
import type { FakeSentry } from "../../../fakes/fake-sentry.js";
import type { DepsDouble } from "../../../support/deps-double.js";
import { describe, expect, OWNER_TOKEN, test as sharedTest, type SharedFixtures } from "../../../support/fixtures.js";
import { rosterText } from "../../../support/rosters.js";
import { writeMarker } from "../../../../src/render/comment-marker.js";
import { planCommand } from "../../../../src/commands/plan.js";
import { type ActionPlatform, type ActionRequest, runAction } from "../../../../src/commands/github-action/run-action.js";

const WRITE_TOKEN = OWNER_TOKEN;
const GITHUB_TOKEN = "gh-token";
const MERGE_SHA = "2".repeat(40);
const HEAD_SHA = "1".repeat(40);
const ROSTER = rosterText("example-run-action");

/** A runner that records instead of printing. */
function recordingPlatform() {
  const annotations: { level: string; message: string; where?: { file: string; line: number; col?: number } }[] = [];
  const summary: string[] = [];
  const platform: ActionPlatform = {
    annotate: (level, message, where) => annotations.push({ level, message, ...(where ? { where } : {}) }),
    info: () => {},
    appendSummary: async (markdown) => {
      summary.push(markdown);
    },
    group: (_name, run) => run(),
  };
  return { platform, annotations, summary };
}

interface SetUp {
  readonly sentry: FakeSentry;
  readonly github: FakeGitHub;
  readonly deps: DepsDouble["deps"];
  /** Files the run wrote (plan file, snapshot), by path. */
  readonly files: DepsDouble["files"];
  readonly request: ActionRequest;
}

/** The fake Sentry and GitHub, the roster as roster.yaml, and an apply request against them. */
async function setUpWith(fixtures: SharedFixtures, roster: string): Promise<SetUp> {
  const sentry = await fixtures.startSentry();
  const github = await fixtures.startGitHub();
  const { deps, files } = fixtures.depsDouble({ fetch: globalThis.fetch, files: { "roster.yaml": roster } });
  const request: ActionRequest = {
    mode: "apply",
    rosterPath: "roster.yaml",
    sentry: { baseUrl: sentry.url, token: WRITE_TOKEN },
    github: { token: GITHUB_TOKEN, apiUrl: github.apiUrl, serverUrl: github.url, owner: "acme", repo: "people", runId: 1, sha: MERGE_SHA },
    comment: true,
    maskEmails: false,
    requireReviewedPlan: true,
    requireApproval: false,
    failOnDrift: false,
    driftIssue: false,
    planFile: "/run/plan.json",
    snapshotFile: "/run/snapshot.json",
  };
  return { sentry, github, deps, files, request };
}

const test = sharedTest.extend<{ setUp: (roster?: string) => Promise<SetUp> }>({
  setUp: async ({ startSentry, startGitHub, depsDouble }, use) => {
    await use((roster = ROSTER) => setUpWith({ startSentry, startGitHub, depsDouble }, roster));
  },
});

function mergedPr(fake: FakeGitHub, body: string) {
  fake.setPulls(MERGE_SHA, [{ number: 7, merged_at: "2026-11-23T10:00:00Z", merge_commit_sha: MERGE_SHA, head: { sha: HEAD_SHA } }]);
  return fake.addComment(7, body, "github-actions[bot]");
}

const members = (fake: FakeSentry) => fake.state().members.map((member) => member.email);

describe("runAction apply", () => {
  test("applies every change when the marker holds only a digest that matches the recomputed plan", async ({ setUp }) => {
    const { sentry, github, deps, request } = await setUp();
    const planned = await planCommand({ rosterPath: "roster.yaml", connection: { baseUrl: sentry.url, token: WRITE_TOKEN } }, deps);
    if (planned.kind !== "planned") throw new Error("roster should plan");
    mergedPr(github, `${writeMarker({ org: "acme", digest: planned.plan.digest, sha: HEAD_SHA })}\n\nplan`);
    const { platform } = recordingPlatform();
    const result = await runAction(request, platform, deps);
    expect(result.ok).toBe(true);
    expect(result.outputs.applied).toBe(planned.plan.changes.length);
    expect(members(sentry)).toContain("heidi@example.com");
  });

  test("applies nothing when the reviewed digest differs from the recomputed plan", async ({ setUp }) => {
    const { sentry, github, deps, request } = await setUp();
    mergedPr(github, `${writeMarker({ org: "acme", digest: "ab".repeat(32), sha: HEAD_SHA })}\n\nplan`);
    const { platform, summary } = recordingPlatform();
    const result = await runAction(request, platform, deps);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/not reviewed/);
    expect(members(sentry)).not.toContain("heidi@example.com");
    expect(summary.join("")).toContain("#### Not reviewed: not applied");
  });

  test("never trusts a marker from a comment written by someone else", async ({ setUp }) => {
    const { sentry, github, deps, request } = await setUp();
    const planned = await planCommand({ rosterPath: "roster.yaml", connection: { baseUrl: sentry.url, token: WRITE_TOKEN } }, deps);
    if (planned.kind !== "planned") throw new Error("roster should plan");
    github.setPulls(MERGE_SHA, [{ number: 7, merged_at: "2026-11-23T10:00:00Z", merge_commit_sha: MERGE_SHA, head: { sha: HEAD_SHA } }]);
    github.addComment(7, `${writeMarker({ org: "acme", digest: planned.plan.digest, sha: HEAD_SHA })}\n`, "mallory");
    const { platform, annotations } = recordingPlatform();
    const result = await runAction(request, platform, deps);
    expect(result.ok).toBe(false);
    expect(annotations.map((annotation) => annotation.message)).toContain("ignored a plan comment on #7: written by mallory, not github-actions");
    expect(members(sentry)).not.toContain("heidi@example.com");
  });

  test("applies the whole plan without a reviewed plan when require-reviewed-plan is false, with a warning", async ({ setUp }) => {
    const { sentry, deps, request } = await setUp();
    const { platform, annotations } = recordingPlatform();
    const result = await runAction({ ...request, requireReviewedPlan: false }, platform, deps);
    expect(result.ok).toBe(true);
    expect(members(sentry)).toContain("heidi@example.com");
    expect(annotations).toContainEqual({ level: "warning", message: `no reviewed plan: commit ${MERGE_SHA.slice(0, 12)} is neither the merge commit nor the head of a merged pull request` });
  });

  test("annotates a failed change on its member's roster line", async ({ setUp }) => {
    const { sentry, github, deps, request } = await setUp();
    const planned = await planCommand({ rosterPath: "roster.yaml", connection: { baseUrl: sentry.url, token: WRITE_TOKEN } }, deps);
    if (planned.kind !== "planned") throw new Error("roster should plan");
    mergedPr(github, `${writeMarker({ org: "acme", digest: planned.plan.digest, sha: HEAD_SHA })}\n`);
    sentry.faults.failAlways("500", { method: "POST", path: "/members/" });
    const { platform, annotations } = recordingPlatform();
    const result = await runAction({ ...request, requireReviewedPlan: true }, platform, deps);
    expect(result.ok).toBe(false);
    expect(result.outputs.failed).toBeGreaterThan(0);
    const heidiLine = ROSTER.split("\n").findIndex((line) => line.includes("heidi@example.com")) + 1;
    const failure = annotations.find((annotation) => annotation.message.startsWith("invite heidi@example.com failed"));
    expect(failure?.where).toMatchObject({ file: "roster.yaml", line: heidiLine });
  });

  test("keeps the outcome and outputs when the PR comment cannot be updated", async ({ setUp, startGitHub }) => {
    const { sentry, github: first, deps, request } = await setUp();
    const planned = await planCommand({ rosterPath: "roster.yaml", connection: { baseUrl: sentry.url, token: WRITE_TOKEN } }, deps);
    if (planned.kind !== "planned") throw new Error("roster should plan");
    await first.close();
    const readOnly = await startGitHub({ tokens: { [GITHUB_TOKEN]: { login: "github-actions[bot]", readOnly: true } } });
    mergedPr(readOnly, `${writeMarker({ org: "acme", digest: planned.plan.digest, sha: HEAD_SHA })}\n`);
    const { platform } = recordingPlatform();
    const result = await runAction({ ...request, github: { ...request.github, apiUrl: readOnly.apiUrl } }, platform, deps);
    expect(result.ok).toBe(false);
    expect(result.message).toContain("could not write the outcome to pull request #7");
    expect(result.outputs.applied).toBe(planned.plan.changes.length);
    expect(members(sentry)).toContain("heidi@example.com");
  });
});

describe("runAction plan", () => {
  test("lists roster errors in a comment that reviews nothing", async ({ setUp }) => {
    const { github, deps, request, files } = await setUp(ROSTER.replace("role: manager", "role: captain"));
    const { platform, annotations } = recordingPlatform();
    const result = await runAction({ ...request, mode: "plan", github: { ...request.github, pullRequest: { number: 7, headSha: "1".repeat(40) } } }, platform, deps);
    expect(result.ok).toBe(false);
    expect(annotations[0]).toMatchObject({ level: "error", where: { file: "roster.yaml" } });
    const body = github.comments(7)[0]?.body ?? "";
    expect(body).toContain('"ids64":""');
    expect(body).toContain("captain");
    expect(files.has(request.planFile ?? "")).toBe(false);
  });

  test("writes the plan file and outputs on a plan outside a PR, without touching GitHub", async ({ setUp }) => {
    const { github, deps, files, request } = await setUp();
    const { platform, summary } = recordingPlatform();
    const result = await runAction({ ...request, mode: "plan" }, platform, deps);
    expect(result.ok).toBe(true);
    expect(result.outputs).toMatchObject({ hasChanges: true, planFile: request.planFile });
    expect(JSON.parse(files.get(request.planFile ?? "") ?? "{}").digest).toBe(result.outputs.digest);
    expect(summary.join("")).toContain("### Sentry roster plan for <code>acme</code>");
    expect(github.requests).toEqual([]);
  });
});
