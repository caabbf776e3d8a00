import { translateGitHubError } from "./errors.js";
import type { GitHubClient } from "./octokit.js";
import { sameLogin } from "./sticky-comment.js";

/** A repository, for the issues API. */
export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

/** An open issue of ours. */
export interface OpenIssue {
  readonly number: number;
  readonly body: string;
}

/**
 * The newest open issue carrying `label` that the token's user opened
 * (GET /repos/{o}/{r}/issues?labels=…&state=open, all pages). Pull requests,
 * which the same endpoint lists, and issues opened by anyone else are skipped:
 * a person may label their own issue, it is still not ours to rewrite.
 */
export async function findOpenIssue(client: GitHubClient, repo: RepoRef, options: { readonly label: string; readonly viewer: string }): Promise<OpenIssue | undefined> {
  let issues: { number: number; body?: string | null; user: { login: string } | null; pull_request?: unknown }[];
  try {
    issues = await client.paginate(client.rest.issues.listForRepo, { owner: repo.owner, repo: repo.repo, labels: options.label, state: "open", per_page: 100 });
  } catch (error) {
    throw translateGitHubError(error, `GET /repos/${repo.owner}/${repo.repo}/issues`);
  }
  const ours = issues
    .filter((issue) => issue.pull_request === undefined && sameLogin(issue.user?.login ?? "", options.viewer))
    .sort((a, b) => b.number - a.number)[0];
  return ours ? { number: ours.number, body: ours.body ?? "" } : undefined;
}

/** Opens an issue with labels (POST /repos/{o}/{r}/issues); GitHub creates a label that does not exist yet. */
export async function openIssue(client: GitHubClient, repo: RepoRef, issue: { readonly title: string; readonly body: string; readonly labels: readonly string[] }): Promise<number> {
  try {
    return (await client.rest.issues.create({ owner: repo.owner, repo: repo.repo, title: issue.title, body: issue.body, labels: [...issue.labels] })).data.number;
  } catch (error) {
    throw translateGitHubError(error, `POST /repos/${repo.owner}/${repo.repo}/issues`);
  }
}

/** Changes an issue's title, body or state (PATCH /repos/{o}/{r}/issues/{n}). */
export async function editIssue(
  client: GitHubClient,
  repo: RepoRef,
  number: number,
  fields: { readonly title?: string; readonly body?: string; readonly state?: "open" | "closed"; readonly stateReason?: "completed" },
): Promise<void> {
  try {
    await client.rest.issues.update({
      owner: repo.owner,
      repo: repo.repo,
      issue_number: number,
      ...(fields.title !== undefined ? { title: fields.title } : {}),
      ...(fields.body !== undefined ? { body: fields.body } : {}),
      ...(fields.state !== undefined ? { state: fields.state } : {}),
      ...(fields.stateReason !== undefined ? { state_reason: fields.stateReason } : {}),
    });
  } catch (error) {
    throw translateGitHubError(error, `PATCH /repos/${repo.owner}/${repo.repo}/issues/${number}`);
  }
}
