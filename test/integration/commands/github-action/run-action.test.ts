import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../../fakes/fake-github.js";
import { type FakeSentry, startFakeSentry } from "../../../fakes/fake-sentry.js";
import { writeMarker } from "../../../../src/render/comment-marker.js";
import { SILENT_LOGGER, type Deps } from "../../../../src/commands/deps.js";
import { planCommand } from "../../../../src/commands/plan.js";
import { type ActionPlatform, type ActionRequest, runAction } from "../../../../src/commands/github-action/run-action.js";

const EXAMPLE_ORG = fileURLToPath(new URL("../../../fixtures/orgs/example-org.json", import.meta.url));
const WRITE_TOKEN = "sntryu_owner_token_0123456789abcdef";
const GITHUB_TOKEN = "gh-token";
const MERGE_SHA = "2".repeat(40);
const HEAD_SHA = "1".repeat(40);
const ROSTER = `version: 1
organization: acme
teams:
  backend: { name: Backend }
  frontend: {}
ignore: [ci-bot@example.com, erin@example.com, frank@example.com]
members:
  - email: alice@example.com
    role: owner
    teams: [backend]
  - email: bob@example.com
    role: member
    teams: { backend: admin, frontend: contributor }
  - email: dave@example.com
    role: manager
    teams: [frontend]
  - email: grace@example.com
    role: member
    teams: [frontend]
  - email: heidi@example.com
    role: member
`;

let sentry: FakeSentry | undefined;
let github: FakeGitHub | undefined;
afterEach(async () => {
  await sentry?.close();
  await github?.close();
});

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

async function setUp(roster = ROSTER) {
  sentry = await startFakeSentry(EXAMPLE_ORG);
  github = await startFakeGitHub();
  const dir = mkdtempSync(join(tmpdir(), "sentry-roster-run-action-"));
  writeFileSync(join(dir, "roster.yaml"), roster);
  const deps: Deps = {
    readFile: (path) => readFile(join(dir, path), "utf8"),
    writeFile: (path, text) => writeFile(path, text, "utf8"),
    logger: SILENT_LOGGER,
    now: () => Date.parse("2026-11-23T12:00:00Z"),
    sleep: async () => {},
    fetch: globalThis.fetch,
  };
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
    planFile: join(dir, "plan.json"),
    snapshotFile: join(dir, "snapshot.json"),
  };
  return { sentry, github, dir, deps, request };
}

function mergedPr(fake: FakeGitHub, body: string) {
  fake.setPulls(MERGE_SHA, [{ number: 7, merged_at: "2026-11-23T10:00:00Z", merge_commit_sha: MERGE_SHA, head: { sha: HEAD_SHA } }]);
  return fake.addComment(7, body, "github-actions[bot]");
}

const members = (fake: FakeSentry) => fake.state().members.map((member) => member.email);

describe("runAction apply", () => {
  it("applies every change when the marker holds only a digest that matches the recomputed plan", async () => {
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

  it("applies nothing when the reviewed digest differs from the recomputed plan", async () => {
    const { sentry, github, deps, request } = await setUp();
    mergedPr(github, `${writeMarker({ org: "acme", digest: "ab".repeat(32), sha: HEAD_SHA })}\n\nplan`);
    const { platform, summary } = recordingPlatform();
    const result = await runAction(request, platform, deps);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/not reviewed/);
    expect(members(sentry)).not.toContain("heidi@example.com");
    expect(summary.join("")).toContain("#### Not reviewed: not applied");
  });

  it("never trusts a marker from a comment written by someone else", async () => {
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

  it("applies the whole plan without a reviewed plan when require-reviewed-plan is false, with a warning", async () => {
    const { sentry, deps, request } = await setUp();
    const { platform, annotations } = recordingPlatform();
    const result = await runAction({ ...request, requireReviewedPlan: false }, platform, deps);
    expect(result.ok).toBe(true);
    expect(members(sentry)).toContain("heidi@example.com");
    expect(annotations).toContainEqual({ level: "warning", message: `no reviewed plan: commit ${MERGE_SHA.slice(0, 12)} is neither the merge commit nor the head of a merged pull request` });
  });

  it("annotates a failed change on its member's roster line", async () => {
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

  it("keeps the outcome and outputs when the PR comment cannot be updated", async () => {
    const { sentry, github: first, deps, request } = await setUp();
    const planned = await planCommand({ rosterPath: "roster.yaml", connection: { baseUrl: sentry.url, token: WRITE_TOKEN } }, deps);
    if (planned.kind !== "planned") throw new Error("roster should plan");
    await first.close();
    const readOnly = await startFakeGitHub({ tokens: { [GITHUB_TOKEN]: { login: "github-actions[bot]", readOnly: true } } });
    github = readOnly;
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
  it("lists roster errors in a comment that reviews nothing", async () => {
    const { github, deps, request, dir } = await setUp(ROSTER.replace("role: manager", "role: captain"));
    const { platform, annotations } = recordingPlatform();
    const result = await runAction({ ...request, mode: "plan", github: { ...request.github, pullRequest: { number: 7, headSha: "1".repeat(40) } } }, platform, deps);
    expect(result.ok).toBe(false);
    expect(annotations[0]).toMatchObject({ level: "error", where: { file: "roster.yaml" } });
    const body = github.comments(7)[0]?.body ?? "";
    expect(body).toContain('"ids":[]');
    expect(body).toContain("captain");
    expect(() => readFileSync(join(dir, "plan.json"))).toThrow();
  });

  it("writes the plan file and outputs on a plan outside a PR, without touching GitHub", async () => {
    const { github, deps, request } = await setUp();
    const { platform, summary } = recordingPlatform();
    const result = await runAction({ ...request, mode: "plan" }, platform, deps);
    expect(result.ok).toBe(true);
    expect(result.outputs).toMatchObject({ hasChanges: true, planFile: request.planFile });
    expect(JSON.parse(readFileSync(request.planFile ?? "", "utf8")).digest).toBe(result.outputs.digest);
    expect(summary.join("")).toContain("### Sentry roster plan for <code>acme</code>");
    expect(github.requests).toEqual([]);
  });
});
