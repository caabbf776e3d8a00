import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitHub, GITHUB_MAX_BODY, startFakeGitHub } from "./fake-github.js";

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub({ pageSize: 2, tokens: { good: { login: "github-actions[bot]" }, ro: { login: "github-actions[bot]", readOnly: true } } });
});
afterEach(() => github.close());

function call(path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  return fetch(`${github.apiUrl}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `token ${init.token ?? "good"}`, "content-type": "application/json" },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

describe("fake GitHub", () => {
  it("pages comments with Link rel=next until the last page", async () => {
    for (let index = 0; index < 5; index += 1) github.addComment(1, `c${index}`, "alice");
    const first = await call("/repos/o/r/issues/1/comments?per_page=2");
    expect(first.headers.get("link")).toMatch(/<http:\/\/127\.0\.0\.1:\d+\/repos\/o\/r\/issues\/1\/comments\?per_page=2&page=2>; rel="next"/);
    const last = await call("/repos/o/r/issues/1/comments?per_page=2&page=3");
    expect(last.headers.get("link")).toBeNull();
    expect(((await last.json()) as { body: string }[]).map((comment) => comment.body)).toEqual(["c4"]);
  });

  it("answers 422 above 65,536 characters and accepts exactly 65,536", async () => {
    expect((await call("/repos/o/r/issues/1/comments", { method: "POST", body: { body: "x".repeat(GITHUB_MAX_BODY) } })).status).toBe(201);
    const tooLong = await call("/repos/o/r/issues/1/comments", { method: "POST", body: { body: "x".repeat(GITHUB_MAX_BODY + 1) } });
    expect(tooLong.status).toBe(422);
    expect(JSON.stringify(await tooLong.json())).toContain("Body is too long (maximum is 65536 characters)");
  });

  it("refuses writes with a read-only token and unknown tokens, and logs no token", async () => {
    const forbidden = await call("/repos/o/r/issues/1/comments", { method: "POST", token: "ro", body: { body: "hi" } });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { message: string }).message).toBe("Resource not accessible by integration");
    expect((await call("/repos/o/r/issues/1/comments", { token: "nope" })).status).toBe(401);
    expect(JSON.stringify(github.requests)).not.toContain("good");
    expect(github.requests.map((request) => request.authorized)).toEqual([true, false]);
  });

  it("records the editor of a PATCH and serves comment state over GraphQL", async () => {
    const comment = github.addComment(1, "old", "github-actions[bot]");
    await call(`/repos/o/r/issues/comments/${comment.id}`, { method: "PATCH", body: { body: "new" } });
    const response = await fetch(github.graphqlUrl, {
      method: "POST",
      headers: { authorization: "bearer good" },
      body: JSON.stringify({ query: "query($ids: [ID!]!) { nodes(ids: $ids) { ... on IssueComment { id isMinimized editor { login } } } }", variables: { ids: [comment.node_id] } }),
    });
    expect(await response.json()).toEqual({ data: { nodes: [{ id: comment.node_id, isMinimized: false, editor: { login: "github-actions" } }] } });
    expect(github.comments(1)[0]?.body).toBe("new");
  });

  it("lists the pull requests of a commit as set", async () => {
    github.setPulls("abc123", [{ number: 4, merged_at: null, merge_commit_sha: null, head: { sha: "def" } }]);
    expect(await (await call("/repos/o/r/commits/abc123/pulls")).json()).toEqual([{ number: 4, merged_at: null, merge_commit_sha: null, head: { sha: "def" } }]);
    expect(await (await call("/repos/o/r/commits/fff/pulls")).json()).toEqual([]);
  });

  it("moves updated_at on every edit, in whole seconds from its own clock, and keeps created_at", async () => {
    const comment = github.addComment(1, "old", "github-actions[bot]");
    await call(`/repos/o/r/issues/comments/${comment.id}`, { method: "PATCH", body: { body: "new" } });
    const [listed] = (await (await call("/repos/o/r/issues/1/comments")).json()) as { created_at: string; updated_at: string }[];
    expect(listed?.created_at).toBe("2026-11-23T09:00:00Z");
    expect(listed?.updated_at).toBe("2026-11-23T09:00:01Z");
  });

  it("serves a PR's reviews with state, commit and submission time, paged", async () => {
    github.addReview(3, { login: "carol", state: "COMMENTED", commitId: "aaa" });
    github.addReview(3, { login: "dave", state: "APPROVED", commitId: "bbb" });
    github.addReview(3, { login: "erin", state: "APPROVED", commitId: "bbb" });
    const first = await call("/repos/o/r/pulls/3/reviews");
    expect(first.headers.get("link")).toContain("page=2");
    const reviews = (await first.json()) as { state: string; commit_id: string; submitted_at: string; user: { login: string } }[];
    expect(reviews.map((review) => [review.user.login, review.state, review.commit_id])).toEqual([["carol", "COMMENTED", "aaa"], ["dave", "APPROVED", "bbb"]]);
    expect(reviews[1]?.submitted_at).toMatch(/^2026-11-23T09:00:0\dZ$/);
  });

  it("creates issues with labels, filters them by label and state, edits and closes them", async () => {
    const created = await call("/repos/o/r/issues", { method: "POST", body: { title: "Drift", body: "x", labels: ["sentry-roster-drift"] } });
    expect(created.status).toBe(201);
    const { number } = (await created.json()) as { number: number };
    const open = (await (await call("/repos/o/r/issues?labels=sentry-roster-drift&state=open")).json()) as { number: number }[];
    expect(open.map((issue) => issue.number)).toEqual([number]);
    expect(await (await call("/repos/o/r/issues?labels=other")).json()).toEqual([]);
    await call(`/repos/o/r/issues/${number}`, { method: "PATCH", body: { state: "closed", state_reason: "completed" } });
    expect(await (await call("/repos/o/r/issues?labels=sentry-roster-drift")).json()).toEqual([]);
    expect(github.issues()[0]).toMatchObject({ state: "closed", state_reason: "completed", labels: ["sentry-roster-drift"] });
    expect((await call("/repos/o/r/issues", { method: "POST", token: "ro", body: { title: "t" } })).status).toBe(403);
  });
});
