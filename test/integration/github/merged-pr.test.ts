import type { FakeGitHub } from "../../fakes/fake-github.js";
import { describe, expect, test as sharedTest } from "../../support/fixtures.js";
import { GitHubApiError, GitHubConnectionError, translateGitHubError } from "../../../src/github/errors.js";
import { findMergedPullRequest } from "../../../src/github/merged-pr.js";
import { createGitHubClient } from "../../../src/github/octokit.js";

const SHA = "a".repeat(40);

/** A fake GitHub per test, closed after it. */
const test = sharedTest.extend<{ github: FakeGitHub }>({
  github: async ({ startGitHub }, use) => use(await startGitHub()),
});

describe("merged pull request of a commit", () => {
  const client = (github: FakeGitHub) => createGitHubClient("gh-token", { apiUrl: github.apiUrl });

  test("picks the merged PR whose merge commit is the pushed commit", async ({ github }) => {
    github.setPulls(SHA, [
      { number: 3, merged_at: null, merge_commit_sha: null, head: { sha: "b".repeat(40) } },
      { number: 5, merged_at: "2026-11-23T10:00:00Z", merge_commit_sha: SHA, head: { sha: "c".repeat(40) } },
    ]);
    expect(await findMergedPullRequest(client(github), { owner: "o", repo: "r", sha: SHA })).toEqual({ number: 5, headSha: "c".repeat(40), mergeCommitSha: SHA });
  });

  test("finds nothing for a commit pushed directly", async ({ github }) => {
    expect(await findMergedPullRequest(client(github), { owner: "o", repo: "r", sha: SHA })).toBeUndefined();
  });

  test("turns a rejected token into an actionable error", async ({ github }) => {
    const bad = createGitHubClient("wrong", { apiUrl: github.apiUrl });
    const error = await findMergedPullRequest(bad, { owner: "o", repo: "r", sha: SHA }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toBe(`GitHub GET /repos/o/r/commits/${SHA}/pulls failed with HTTP 401: Bad credentials (check the github-token input)`);
  });
});

describe("translateGitHubError", () => {
  test("calls an error without status a connection problem and keeps the cause", () => {
    const cause = new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:1") });
    const error = translateGitHubError(cause, "GET /x");
    expect(error).toBeInstanceOf(GitHubConnectionError);
    expect(error.message).toContain("ECONNREFUSED");
    expect(error.cause).toBe(cause);
  });
});
