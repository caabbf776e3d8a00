import { translateGitHubError } from "./errors.js";
import type { GitHubClient } from "./octokit.js";

/** One review of a pull request, as the trust rules need it. */
export interface PullRequestReview {
  readonly state: string;
  /** The head commit the reviewer saw. */
  readonly commitId: string;
  /** ISO time; absent on a pending review. */
  readonly submittedAt: string | undefined;
  readonly login: string;
}

/** Every review of a PR (GET /repos/{o}/{r}/pulls/{n}/reviews, all pages), oldest first. */
export async function listPullRequestReviews(
  client: GitHubClient,
  pull: { readonly owner: string; readonly repo: string; readonly number: number },
): Promise<PullRequestReview[]> {
  try {
    const reviews = await client.paginate(client.rest.pulls.listReviews, { owner: pull.owner, repo: pull.repo, pull_number: pull.number, per_page: 100 });
    return reviews.map((review) => ({
      state: review.state,
      commitId: review.commit_id ?? "",
      submittedAt: review.submitted_at ?? undefined,
      login: review.user?.login ?? "",
    }));
  } catch (error) {
    throw translateGitHubError(error, `GET /repos/${pull.owner}/${pull.repo}/pulls/${pull.number}/reviews`);
  }
}
