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
 * (GET /repos/{owner}/{repo}/commits/{sha}/pulls): the merged PR whose merge
 * commit, or whose head commit (a fast-forward or rebase merge), is this very
 * commit. GitHub also lists PRs that merely contain the commit; those are
 * never taken, so a direct push never borrows another PR's review
 * (docs/action.md#how-the-review-is-enforced-trust). Undefined when no PR matches.
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
  const exact = merged.find((pull) => pull.merge_commit_sha === target.sha) ?? merged.find((pull) => pull.head.sha === target.sha);
  return exact ? { number: exact.number, headSha: exact.head.sha, mergeCommitSha: exact.merge_commit_sha ?? null } : undefined;
}
