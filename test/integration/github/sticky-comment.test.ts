import type { FakeGitHub } from "../../fakes/fake-github.js";
import { describe, expect, test as sharedTest } from "../../support/fixtures.js";
import { GitHubApiError } from "../../../src/github/errors.js";
import { createGitHubClient } from "../../../src/github/octokit.js";
import { findStickyComment, readViewerLogin, sameLogin, upsertStickyComment } from "../../../src/github/sticky-comment.js";

const PR = { owner: "o", repo: "r", number: 7 };
const MARKER = "<!-- sentry-roster:plan ";
const OPTIONS = { markerPrefix: MARKER, viewer: "github-actions" };

/** A fake GitHub per test (two items a page; a writing and a read-only token), closed after it. */
const test = sharedTest.extend<{ github: FakeGitHub }>({
  github: async ({ startGitHub }, use) => use(await startGitHub({ pageSize: 2, tokens: { "gh-token": { login: "github-actions[bot]" }, ro: { login: "github-actions[bot]", readOnly: true } } })),
});

describe("sticky comment", () => {
  const client = (github: FakeGitHub) => createGitHubClient("gh-token", { apiUrl: github.apiUrl });

  test("compares logins without the [bot] suffix", () => {
    expect(sameLogin("github-actions[bot]", "github-actions")).toBe(true);
    expect(sameLogin("mallory", "github-actions")).toBe(false);
  });

  test("reads the token's login through GraphQL viewer", async ({ github }) => {
    expect(await readViewerLogin(client(github))).toBe("github-actions");
  });

  test("creates the comment once, then updates it in place", async ({ github }) => {
    const first = await upsertStickyComment(client(github), PR, `${MARKER}{} -->\none`, OPTIONS);
    const second = await upsertStickyComment(client(github), PR, `${MARKER}{} -->\ntwo`, OPTIONS);
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false, unchanged: false, minimized: 0 });
    expect(github.comments(7).map((comment) => comment.body)).toEqual([`${MARKER}{} -->\ntwo`]);
  });

  test("leaves a comment that already says the same alone, so its updated_at does not move past an approval", async ({ github }) => {
    const first = await upsertStickyComment(client(github), PR, `${MARKER}{} -->\nsame`, OPTIONS);
    const before = github.comments(7)[0]?.updated_at;
    const again = await upsertStickyComment(client(github), PR, `${MARKER}{} -->\nsame`, OPTIONS);
    expect(again).toEqual({ id: first.id, created: false, unchanged: true, minimized: 0 });
    expect(github.comments(7)[0]?.updated_at).toBe(before);
    expect(github.requests.filter((request) => request.method === "PATCH")).toEqual([]);
    const ignoringRuns = { ...OPTIONS, sameContent: (current: string, next: string) => current.replace(/run \d+/, "") === next.replace(/run \d+/, "") };
    expect((await upsertStickyComment(client(github), PR, `${MARKER}{} -->\nsame run 2`, ignoringRuns)).unchanged).toBe(false);
    expect((await upsertStickyComment(client(github), PR, `${MARKER}{} -->\nsame run 3`, ignoringRuns)).unchanged).toBe(true);
  });

  test("finds our comment across pages (Link rel=next)", async ({ github }) => {
    for (let index = 0; index < 5; index += 1) github.addComment(7, `chatter ${index}`, "alice");
    const ours = github.addComment(7, `${MARKER}{} -->`, "github-actions[bot]");
    const found = await findStickyComment(client(github), PR, OPTIONS);
    expect(found.comment?.id).toBe(ours.id);
    expect(github.requests.filter((request) => request.path.endsWith("/comments")).length).toBe(3);
  });

  test("never trusts a marker written by someone else or edited by a person", async ({ github }) => {
    const spoof = github.addComment(7, `${MARKER}{} -->`, "mallory");
    const edited = github.addComment(7, `${MARKER}{} -->`, "github-actions[bot]");
    github.editComment(edited.id, `${MARKER}{"evil":1} -->`, "mallory");
    const found = await findStickyComment(client(github), PR, OPTIONS);
    expect(found.comment).toBeUndefined();
    expect(found.untrusted.map((entry) => entry.id).sort()).toEqual([spoof.id, edited.id].sort());
    expect(found.untrusted.find((entry) => entry.id === edited.id)?.reason).toBe("last edited by mallory");
  });

  test("skips minimized comments and minimizes older duplicates", async ({ github }) => {
    const older = github.addComment(7, `${MARKER}{} -->\nold`, "github-actions[bot]");
    const newer = github.addComment(7, `${MARKER}{} -->\nnew`, "github-actions[bot]");
    const result = await upsertStickyComment(client(github), PR, `${MARKER}{} -->\nlatest`, OPTIONS);
    expect(result).toEqual({ id: newer.id, created: false, unchanged: false, minimized: 1 });
    expect(github.comments(7).find((comment) => comment.id === older.id)?.minimized).toBe(true);
    expect((await findStickyComment(client(github), PR, OPTIONS)).duplicates).toEqual([]);
  });

  test("explains a read-only token: grant pull-requests: write", async ({ github }) => {
    const readOnly = createGitHubClient("ro", { apiUrl: github.apiUrl });
    const error = await upsertStickyComment(readOnly, PR, `${MARKER}{} -->`, OPTIONS).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toContain("grant pull-requests: write");
    expect((error as GitHubApiError).status).toBe(403);
  });

  test("reports GitHub's 422 for a body over 65,536 characters", async ({ github }) => {
    const error = await upsertStickyComment(client(github), PR, `${MARKER}{} -->${"x".repeat(70_000)}`, OPTIONS).catch((caught: unknown) => caught);
    expect((error as GitHubApiError).status).toBe(422);
    expect((error as Error).message).toContain("Body is too long (maximum is 65536 characters)");
  });
});

describe("GHES paths", () => {
  test("speaks REST under /api/v3 and GraphQL at /api/graphql", async ({ startGitHub }) => {
    const github = await startGitHub({ prefix: "/api/v3" });
    const client = createGitHubClient("gh-token", { apiUrl: github.apiUrl });
    await upsertStickyComment(client, PR, `${MARKER}{} -->`, { markerPrefix: MARKER, viewer: await readViewerLogin(client) });
    expect(github.comments(7)).toHaveLength(1);
    expect(github.requests.every((request) => request.authorized)).toBe(true);
  });
});
