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
});
