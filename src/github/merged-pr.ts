import { translateGitHubError } from "./errors.js";
import type { GitHubClient } from "./octokit.js";

/** The pull request a pushed commit came from. */
export interface MergedPullRequest {
  readonly number: number;
  /** The PR's last head commit: the plan comment was computed for it. */
  readonly headSha: string;
  readonly mergeCommitSha: string | null;
}

/**
 * Finds the merged PR of a commit on the default branch
 * (GET /repos/{owner}/{repo}/commits/{sha}/pulls). Prefers the PR whose merge
 * commit is this very commit; undefined when the commit was pushed directly.
 */
export async function findMergedPullRequest(
  client: GitHubClient,
  target: { readonly owner: string; readonly repo: string; readonly sha: string },
): Promise<MergedPullRequest | undefined> {
  const request = `GET /repos/${target.owner}/${target.repo}/commits/${target.sha}/pulls`;
  let pulls: { number: number; merged_at?: string | null; merge_commit_sha?: string | null; head: { sha: string } }[];
  try {
    const response = await client.rest.repos.listPullRequestsAssociatedWithCommit({
      owner: target.owner,
      repo: target.repo,
      commit_sha: target.sha,
      per_page: 100,
    });
    pulls = response.data;
  } catch (error) {
    throw translateGitHubError(error, request);
  }
  const merged = pulls.filter((pull) => pull.merged_at);
  const exact = merged.find((pull) => pull.merge_commit_sha === target.sha) ?? merged[0];
  return exact ? { number: exact.number, headSha: exact.head.sha, mergeCommitSha: exact.merge_commit_sha ?? null } : undefined;
}
