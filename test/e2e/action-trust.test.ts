import { describe, expect } from "vitest";
import {
  type ActionFakes,
  GITHUB_TOKEN,
  HEAD_SHA,
  MERGE_SHA,
  READ_TOKEN,
  applyOnPush,
  planOnPr,
  test,
  urls,
  workspace,
} from "../support/action-e2e.js";
import { runAction } from "../support/run-action.js";
import { parseMarker, writeMarker } from "../../src/render/comment-marker.js";

// The plan comment is trusted on merge only when it is what the reviewers approved (docs/action.md#how-the-review-is-enforced-trust).
const writes = (fake: ActionFakes) => fake.sentry.requests.filter((request) => request.method !== "GET");
const emails = (fake: ActionFakes) => fake.sentry.state().members.map((member) => member.email);

/** The PR merged as MERGE_SHA with its last commit `head`. */
function merged(fake: ActionFakes, head = HEAD_SHA): void {
  fake.github.setPulls(MERGE_SHA, [{ number: 7, merged_at: "2026-11-23T10:00:00Z", merge_commit_sha: MERGE_SHA, head: { sha: head } }]);
}

const approve = (fake: ActionFakes, commitId = HEAD_SHA) => fake.github.addReview(7, { login: "reviewer", state: "APPROVED", commitId });

describe.concurrent("the Action binds the reviewed plan to the approval", { timeout: 60_000 }, () => {
  test("applies the approved, unchanged plan, and a plan re-run before the merge does not void the approval", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const dir = workspace();
    expect((await planOnPr(dir, fake)).code).toBe(0);
    approve(fake);
    const rerun = await runAction({
      eventName: "pull_request",
      payload: { pull_request: { number: 7, head: { sha: HEAD_SHA }, base: { ref: "main" } }, repository: { private: true, default_branch: "main" } },
      ref: "refs/pull/7/merge",
      sha: "9".repeat(40),
      runId: 5151,
      workspace: dir,
      github: urls(fake.github),
      inputs: { "sentry-token": READ_TOKEN, "sentry-url": fake.sentry.url, "github-token": GITHUB_TOKEN },
    });
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain("left unchanged (same plan)");
    expect(fake.github.requests.filter((request) => request.method === "PATCH")).toEqual([]);
    merged(fake);
    const run = await applyOnPush(dir, fake, { "require-approval": "true" });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(emails(fake)).toContain("heidi@example.com");
    expect(run.stdout).toMatch(/reviewed plan: #7, \d+ change ids, approved at 2026-/);
  });

  test("refuses a plan comment whose hidden marker was rewritten as the bot after approval: nothing applied, the reason in the summary and on the PR", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const dir = workspace();
    await planOnPr(dir, fake);
    approve(fake);
    const comment = fake.github.comments(7)[0];
    // Any workflow of any pushed branch can write as github-actions[bot]: the editor check alone passes.
    const body = comment?.body ?? "";
    const marker = parseMarker(body);
    if (!marker?.ids) throw new Error("the plan comment should carry change ids");
    const rewritten = body.replace(/^.*\n/, `${writeMarker({ ...marker, ids: [...marker.ids, "ab".repeat(8)] })}\n`);
    const patched = await fetch(`${fake.github.apiUrl}/repos/acme/people/issues/comments/${comment?.id}`, {
      method: "PATCH",
      headers: { authorization: `token ${GITHUB_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ body: rewritten }),
    });
    expect(patched.status).toBe(200);
    merged(fake);
    fake.sentry.clearLog();
    const run = await applyOnPush(dir, fake);
    expect(run.code).toBe(1);
    expect(writes(fake)).toEqual([]);
    expect(emails(fake)).not.toContain("heidi@example.com");
    expect(run.stdout).toContain("::error::nothing was applied: the plan changed after approval; ask for a new review");
    expect(run.summary).toContain("**Nothing applied:** the plan changed after approval; ask for a new review");
    const log = fake.github.comments(7)[1]?.body ?? "";
    expect(log).toContain("**Nothing applied:** the plan changed after approval; ask for a new review");
    expect(fake.github.comments(7)[0]?.body).toBe(rewritten);
  });

  test("refuses a plan computed for an older commit than the merged head", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const dir = workspace();
    await planOnPr(dir, fake);
    merged(fake, "3".repeat(40));
    fake.sentry.clearLog();
    const run = await applyOnPush(dir, fake, { "require-reviewed-plan": "false" });
    expect(run.code).toBe(1);
    expect(writes(fake)).toEqual([]);
    expect(run.stdout).toContain(
      "nothing was applied: the plan was computed for an older commit: the plan comment on #7 is for commit 111111111111, but #7 merged 333333333333",
    );
  });

  test("refuses with require-approval when nobody approved the merged head, and when the approval is of an older commit", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const dir = workspace();
    await planOnPr(dir, fake);
    merged(fake);
    fake.sentry.clearLog();
    const unapproved = await applyOnPush(dir, fake, { "require-approval": "true" });
    expect(unapproved.code).toBe(1);
    expect(unapproved.stdout).toContain("require-approval is true and nobody approved #7 at its merged head 111111111111");
    approve(fake, "4".repeat(40));
    const stale = await applyOnPush(dir, fake);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain("#7 was approved for an older commit, not its merged head 111111111111; ask for a new review");
    expect(writes(fake)).toEqual([]);
  });

  test("applies nothing on a push that is no merged PR's merge or head commit, even when another merged PR contains it", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const dir = workspace();
    await planOnPr(dir, fake);
    approve(fake);
    // GitHub lists PRs that merely contain the commit; PR #7 merged long ago as another commit.
    fake.github.setPulls(MERGE_SHA, [{ number: 7, merged_at: "2026-11-20T10:00:00Z", merge_commit_sha: "5".repeat(40), head: { sha: HEAD_SHA } }]);
    fake.sentry.clearLog();
    const run = await applyOnPush(dir, fake);
    expect(run.code).toBe(1);
    expect(writes(fake)).toEqual([]);
    expect(run.stdout).toContain("no reviewed plan: commit 222222222222 is neither the merge commit nor the head of a merged pull request");
    expect(fake.github.comments(7)).toHaveLength(1);
  });

  test("refuses pull_request_target with one clear error: no comment, no Sentry request", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const run = await runAction({
      eventName: "pull_request_target",
      payload: { pull_request: { number: 7, head: { sha: HEAD_SHA }, base: { ref: "main" } }, repository: { private: true, default_branch: "main" } },
      ref: "refs/heads/main",
      workspace: workspace(),
      github: urls(fake.github),
      inputs: { "sentry-token": READ_TOKEN, "sentry-url": fake.sentry.url, "github-token": GITHUB_TOKEN },
    });
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n").filter((line) => line.startsWith("::error::"))).toEqual([
      expect.stringMatching(/^::error::sentry-roster does not run on pull_request_target: .*plan with on: pull_request/),
    ]);
    expect(fake.sentry.requests).toEqual([]);
    expect(fake.github.requests).toEqual([]);
    expect(fake.github.comments(7)).toEqual([]);
  });

  test("keeps the plan comment as approved through two apply runs of the same merge, and logs both outcomes", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const dir = workspace();
    await planOnPr(dir, fake);
    approve(fake);
    merged(fake);
    const approved = fake.github.comments(7)[0]?.body;
    const first = await applyOnPush(dir, fake);
    const second = await applyOnPush(dir, fake);
    expect([first.code, second.code]).toEqual([0, 0]);
    const [plan, log, extra] = fake.github.comments(7);
    expect(plan?.body).toBe(approved);
    expect(extra).toBeUndefined();
    const entries = (log?.body ?? "").split("\n---\n").slice(1);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatch(/\*\*Applied\*\* \d+ changes to <code>acme<\/code>/);
    expect(entries[1]).toContain("**Nothing to apply:** <code>acme</code> already matched the reviewed plan.");
    for (const entry of entries) expect(entry).toContain("/acme/people/actions/runs/4242");
  });
});
