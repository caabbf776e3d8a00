import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import {
  EXAMPLE_ORG,
  GITHUB_TOKEN,
  HEAD_SHA,
  MERGE_SHA,
  READ_TOKEN,
  ROSTER,
  WRITE_TOKEN,
  applyOnPush,
  planOnPr,
  test,
  urls,
  visible,
  workspace,
} from "../support/action-e2e.js";
import { runAction } from "../support/run-action.js";
import { parseMarker } from "../../src/render/comment-marker.js";

// Each test spawns the bundle up to twice; a loaded CI machine needs more than the default 20 s.
describe.concurrent("the Action, run as the runner runs dist/index.js", { timeout: 60_000 }, () => {
  test("posts exactly one plan comment on a PR, with outputs, plan file and the full plan in the summary", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const dir = workspace();
    const run = await planOnPr(dir, fake);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const comments = fake.github.comments(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toMatch(
      /^<!-- sentry-roster:plan \{"v":1,"org":"acme","digest":"[0-9a-f]{64}","ids64":"[A-Za-z0-9._]{11,}"/,
    );
    expect(comments[0]?.body).toContain(`"sha":"${HEAD_SHA}"`);
    expect(comments[0]?.body).toContain("heidi&#64;example.com");
    expect(run.outputs["has-changes"]).toBe("true");
    expect(Number(run.outputs["changes"])).toBeGreaterThan(0);
    expect(run.outputs["digest"]).toMatch(/^[0-9a-f]{64}$/);
    const planFile = run.outputs["plan-file"] ?? "";
    expect(planFile.startsWith(run.runnerTemp)).toBe(true);
    const plan = JSON.parse(readFileSync(planFile, "utf8")) as {
      formatVersion: number;
      digest: string;
      changes: unknown[];
    };
    expect(plan.formatVersion).toBe(1);
    expect(plan.digest).toBe(run.outputs["digest"]);
    expect(plan.changes).toHaveLength(Number(run.outputs["changes"]));
    expect(run.summary).toContain("### Sentry roster plan for <code>acme</code>");
    // Both tokens are masked before anything else is printed.
    expect(run.stdout.split("\n").slice(0, 2)).toEqual([`::add-mask::${READ_TOKEN}`, `::add-mask::${GITHUB_TOKEN}`]);
    expect(visible(run, fake.github, dir)).not.toContain(READ_TOKEN);
    expect(visible(run, fake.github, dir)).not.toContain(GITHUB_TOKEN);
    expect(fake.sentry.requests.every((request) => request.method === "GET")).toBe(true);
  });

  test("updates the same comment in place when the plan runs again", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const dir = workspace();
    await planOnPr(dir, fake);
    const firstId = fake.github.comments(7)[0]?.id;
    writeFileSync(
      join(dir, "roster.yaml"),
      ROSTER.replace("  - email: heidi@example.com\n    role: member\n    teams: [backend]\n", ""),
    );
    const again = await planOnPr(dir, fake);
    expect(again.code).toBe(0);
    const comments = fake.github.comments(7);
    expect(comments.map((comment) => comment.id)).toEqual([firstId]);
    expect(comments[0]?.body).not.toContain("heidi");
    expect(fake.github.requests.filter((request) => request.method === "PATCH")).toHaveLength(1);
    expect(
      fake.github.requests.filter((request) => request.method === "POST" && request.path.endsWith("/comments")),
    ).toHaveLength(1);
  });

  test("applies the reviewed changes on merge and refuses one nobody reviewed", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const dir = workspace();
    const planned = await planOnPr(dir, fake);
    expect(planned.code).toBe(0);
    fake.github.setPulls(MERGE_SHA, [
      { number: 7, merged_at: "2026-11-23T10:00:00Z", merge_commit_sha: MERGE_SHA, head: { sha: HEAD_SHA } },
    ]);
    // After the review, someone sneaks a new member into the roster: not in the reviewed plan.
    writeFileSync(join(dir, "roster.yaml"), `${ROSTER}  - email: mallory@example.com\n    role: member\n`);
    fake.sentry.clearLog();
    const run = await applyOnPush(dir, fake, { "mask-emails": "false" });
    expect(run.code).toBe(1);
    const emails = fake.sentry.state().members.map((member) => member.email);
    expect(emails).toContain("heidi@example.com");
    expect(emails).not.toContain("mallory@example.com");
    expect(fake.sentry.state().members.find((member) => member.email === "bob@example.com")?.role).toBe("manager");
    expect(run.stdout).toMatch(/::error::.*not reviewed/);
    expect(run.outputs["failed"]).toBe("0");
    expect(Number(run.outputs["applied"])).toBe(Number(planned.outputs["changes"]));
    expect(run.summary).toContain("#### Not reviewed: not applied");
    expect(run.summary).toContain("mallory&#64;example.com");
    // The plan comment stays as reviewed; the outcome goes to a separate apply-log comment.
    const [planComment, log] = fake.github.comments(7);
    expect(planComment?.body).toContain("<!-- sentry-roster:plan ");
    expect(planComment?.body).not.toContain("mallory");
    expect(log?.body).toMatch(/^<!-- sentry-roster:apply-log /);
    expect(log?.body).toContain("**Apply incomplete** on <code>acme</code>");
    expect(log?.body).toContain("1 change not in the reviewed plan: not applied");
    expect(visible(run, fake.github, dir)).not.toContain(WRITE_TOKEN);
  });

  test("applies nothing on a push without a reviewed plan and says why", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const dir = workspace();
    const run = await applyOnPush(dir, fake);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("no reviewed plan: commit 222222222222 is neither the merge commit nor the head of a merged pull request");
    expect(fake.sentry.requests.filter((request) => request.method !== "GET")).toEqual([]);
    expect(run.summary).toContain("**Nothing applied:**");
  });

  test("does not trust a plan comment a person edited", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const dir = workspace();
    await planOnPr(dir, fake);
    const comment = fake.github.comments(7)[0];
    fake.github.editComment(comment?.id ?? 0, comment?.body ?? "", "mallory");
    fake.github.setPulls(MERGE_SHA, [
      { number: 7, merged_at: "2026-11-23T10:00:00Z", merge_commit_sha: MERGE_SHA, head: { sha: HEAD_SHA } },
    ]);
    const run = await applyOnPush(dir, fake);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("last edited by mallory");
    expect(fake.sentry.requests.filter((request) => request.method !== "GET")).toEqual([]);
  });

  test("keeps the comment of a huge plan within GitHub's 65,536 characters", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const many = Array.from(
      { length: 3_000 },
      (_, index) => `  - email: person${index}@example.com\n    role: member\n    teams: [backend]\n`,
    ).join("");
    const dir = workspace(`${ROSTER}${many}`);
    const run = await planOnPr(dir, fake);
    expect(run.code).toBe(0);
    const body = fake.github.comments(7)[0]?.body ?? "";
    expect(body.length).toBeGreaterThan(1_000);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain("see the [job summary]");
    expect(run.summary.match(/person\d+/g)?.length).toBe(3_000);
    // The visible part shows hundreds of changes, grouped by member; the marker authorizes exactly the plan's ids (3,000 people and the roster's own 3).
    expect(new Set(body.match(/person\d+/g)).size).toBeGreaterThanOrEqual(200);
    const plan = JSON.parse(readFileSync(run.outputs["plan-file"] ?? "", "utf8")) as { changes: { id: string }[] };
    expect(plan.changes.length).toBeGreaterThanOrEqual(3_000);
    const marker = parseMarker(body);
    expect(marker?.ids).toHaveLength(plan.changes.length);
    expect(new Set(marker?.ids)).toEqual(new Set(plan.changes.map((change) => change.id.slice(0, 16))));
  }, 60_000);

  test("only validates a fork PR without the Sentry secret, and says why", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const dir = workspace();
    const run = await planOnPr(dir, fake, { "sentry-token": "", "github-token": "ghs_read_only_fork_token" });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::notice::No Sentry token: pull requests from forks get no secrets/);
    expect(run.summary).toContain("roster.yaml is valid");
    expect(fake.sentry.requests).toEqual([]);
    expect(fake.github.requests).toEqual([]);
  });

  test("annotates roster errors on their lines and fails", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const roster = ROSTER.replace(
      "    role: manager\n    teams: [backend, frontend]",
      "    role: captain\n    teams: [backend, frontend]",
    );
    const captainLine = roster.split("\n").findIndex((line) => line.includes("role: captain")) + 1;
    const run = await planOnPr(workspace(roster), fake, { "sentry-token": "" });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`::error file=roster\\.yaml,line=${captainLine},col=\\d+::.*captain`));
    expect(run.summary).toContain("#### Roster problems");
  });

  test("names the sentry-token input when Sentry rejects the token", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const dir = workspace();
    const run = await planOnPr(dir, fake, { "sentry-token": "sntryu_revoked_token_0123456789" });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("check the sentry-token input");
    expect(run.stdout).not.toContain("SENTRY_AUTH_TOKEN");
    expect(visible(run, fake.github, dir)).not.toContain("sntryu_revoked_token_0123456789");
  });

  test("explains a workflow token that cannot comment", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const run = await planOnPr(workspace(), fake, { "github-token": "ghs_read_only_fork_token" });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("grant pull-requests: write");
    expect(run.stdout).not.toMatch(/\n\s+at /);
  });

  test("reports drift on a schedule with a roster diff, and fails on drift when asked", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const dir = workspace();
    const run = await runAction({
      eventName: "schedule",
      payload: { schedule: "17 6 * * 1-5", repository: { private: false, default_branch: "main" } },
      workspace: dir,
      github: urls(fake.github),
      inputs: {
        "sentry-token": READ_TOKEN,
        "sentry-url": fake.sentry.url,
        "github-token": GITHUB_TOKEN,
        "fail-on-drift": "true",
      },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Sentry differs from roster.yaml");
    expect(run.summary).toContain("### Sentry drift report for <code>acme</code>");
    expect(run.summary).toMatch(/```+diff\n/);
    expect(run.summary).toContain("h***@example.com");
    expect(run.summary).not.toContain("heidi@example.com");
    expect(run.outputs["has-changes"]).toBe("true");
    expect(fake.github.requests).toEqual([]);
  });

  test("speaks GitHub Enterprise Server paths (/api/v3 and /api/graphql) from GITHUB_API_URL", async ({ startSentry, startGitHub }) => {
    const sentry = await startSentry(EXAMPLE_ORG);
    const github = await startGitHub({ prefix: "/api/v3", tokens: { [GITHUB_TOKEN]: { login: "github-actions[bot]" } } });
    const run = await planOnPr(workspace(), { sentry, github });
    expect(run.code).toBe(0);
    expect(github.comments(7)).toHaveLength(1);
    expect(github.requests.some((request) => request.path === "/graphql")).toBe(true);
  });

  test("fails with one clear line on an invalid boolean input", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const run = await planOnPr(workspace(), fake, { comment: "yes" });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::input "comment": "yes" is not a boolean: use true or false');
  });
});
