import { translateGitHubError } from "./errors.js";
import type { GitHubClient } from "./octokit.js";

/** The pull request (an issue, for the comments API) a comment lives on. */
export interface IssueRef {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
}

/** One of our comments as GitHub holds it. */
export interface StickyComment {
  readonly id: number;
  readonly nodeId: string;
  readonly body: string;
  readonly author: string;
  /** When the body last changed (REST `updated_at`, ISO): the approval binding compares it with the latest approval. */
  readonly updatedAt: string;
}

/** What the search for our comment found. */
export interface StickyCommentSearch {
  /** The newest comment that has our marker, our author, is not minimized and was not edited by someone else. */
  readonly comment: StickyComment | undefined;
  /** Older comments of ours that are not minimized: duplicates from racing runs. */
  readonly duplicates: readonly StickyComment[];
  /** Comments with our marker that cannot be trusted, and why (another author, edited by someone else). */
  readonly untrusted: readonly { readonly id: number; readonly reason: string }[];
}

/** Bot logins carry "[bot]" in some APIs and not in others; compare without it. */
export function sameLogin(a: string, b: string): boolean {
  const strip = (login: string) => login.replace(/\[bot\]$/i, "").toLowerCase();
  return strip(a) === strip(b);
}

/** The login of the token's user. GitHub's workflow token cannot call REST GET /user; GraphQL viewer works. */
export async function readViewerLogin(client: GitHubClient): Promise<string> {
  try {
    const result = await client.graphql<{ viewer: { login: string } }>("query { viewer { login } }");
    return result.viewer.login;
  } catch (error) {
    throw translateGitHubError(error, "POST /graphql (viewer)");
  }
}

interface CommentState {
  readonly id: string;
  readonly isMinimized: boolean;
  readonly editor: { readonly login: string } | null;
}

/**
 * Finds our sticky comment on a PR: the body starts with `markerPrefix`, the
 * author is `viewer`, it is not minimized, and nobody else edited it last
 * (people with write access can edit the bot's comments).
 */
export async function findStickyComment(
  client: GitHubClient,
  issue: IssueRef,
  options: { readonly markerPrefix: string; readonly viewer: string },
): Promise<StickyCommentSearch> {
  const listRequest = `GET /repos/${issue.owner}/${issue.repo}/issues/${issue.number}/comments`;
  let all: { id: number; node_id: string; body?: string; user: { login: string } | null; updated_at: string }[];
  try {
    all = await client.paginate(client.rest.issues.listComments, {
      owner: issue.owner,
      repo: issue.repo,
      issue_number: issue.number,
      per_page: 100,
    });
  } catch (error) {
    throw translateGitHubError(error, listRequest);
  }
  const marked = all
    .filter((comment) => (comment.body ?? "").startsWith(options.markerPrefix))
    .map((comment) => ({ id: comment.id, nodeId: comment.node_id, body: comment.body ?? "", author: comment.user?.login ?? "", updatedAt: comment.updated_at }))
    .sort((a, b) => b.id - a.id);
  const untrusted: { id: number; reason: string }[] = [];
  const ours: StickyComment[] = [];
  for (const comment of marked) {
    if (sameLogin(comment.author, options.viewer)) ours.push(comment);
    else untrusted.push({ id: comment.id, reason: `written by ${comment.author || "a deleted user"}, not ${options.viewer}` });
  }
  const states = await readCommentStates(client, ours.map((comment) => comment.nodeId));
  const live: StickyComment[] = [];
  for (const comment of ours) {
    const state = states.get(comment.nodeId);
    if (state?.isMinimized) continue;
    if (state?.editor && !sameLogin(state.editor.login, options.viewer)) {
      untrusted.push({ id: comment.id, reason: `last edited by ${state.editor.login}` });
      continue;
    }
    live.push(comment);
  }
  return { comment: live[0], duplicates: live.slice(1), untrusted };
}

async function readCommentStates(client: GitHubClient, nodeIds: readonly string[]): Promise<Map<string, CommentState>> {
  const states = new Map<string, CommentState>();
  if (nodeIds.length === 0) return states;
  try {
    const result = await client.graphql<{ nodes: (CommentState | null)[] }>(
      "query($ids: [ID!]!) { nodes(ids: $ids) { ... on IssueComment { id isMinimized editor { login } } } }",
      { ids: nodeIds },
    );
    for (const node of result.nodes) if (node) states.set(node.id, node);
  } catch (error) {
    throw translateGitHubError(error, "POST /graphql (comment state)");
  }
  return states;
}

/** What upsertStickyComment did. */
export interface UpsertResult {
  readonly id: number;
  readonly created: boolean;
  /** True when the comment already said the same and was left alone (a rewrite would void an approval). */
  readonly unchanged: boolean;
  /** Duplicates that were minimized as outdated. */
  readonly minimized: number;
}

/** How upsertStickyComment finds our comment and decides whether it needs rewriting. */
export interface UpsertOptions {
  readonly markerPrefix: string;
  readonly viewer: string;
  /** Whether the current body already says what `body` says (default: equal text); then nothing is written. */
  readonly sameContent?: (current: string, next: string) => boolean;
}

/**
 * Updates our sticky comment in place, or creates it when there is none; older
 * duplicates (two runs racing) are minimized as outdated. A comment that
 * already says the same is not rewritten: its `updated_at` would move past
 * the PR's approval and void it (docs/action.md#how-the-review-is-enforced-trust).
 */
export async function upsertStickyComment(client: GitHubClient, issue: IssueRef, body: string, options: UpsertOptions): Promise<UpsertResult> {
  const found = await findStickyComment(client, issue, options);
  let id: number;
  const created = found.comment === undefined;
  let unchanged = false;
  if (found.comment) {
    id = found.comment.id;
    unchanged = (options.sameContent ?? ((current, next) => current === next))(found.comment.body, body);
    if (!unchanged) await updateComment(client, issue, id, body);
  } else {
    id = await createComment(client, issue, body);
  }
  for (const duplicate of found.duplicates) await minimizeComment(client, duplicate.nodeId);
  return { id, created, unchanged, minimized: found.duplicates.length };
}

/** Adds a comment to an issue or PR (POST /repos/{o}/{r}/issues/{n}/comments); returns its id. */
export async function createComment(client: GitHubClient, issue: IssueRef, body: string): Promise<number> {
  try {
    return (await client.rest.issues.createComment({ owner: issue.owner, repo: issue.repo, issue_number: issue.number, body })).data.id;
  } catch (error) {
    throw translateGitHubError(error, `POST /repos/${issue.owner}/${issue.repo}/issues/${issue.number}/comments`);
  }
}

/** Replaces the body of a comment (PATCH /repos/{o}/{r}/issues/comments/{id}). */
export async function updateComment(client: GitHubClient, issue: IssueRef, id: number, body: string): Promise<void> {
  try {
    await client.rest.issues.updateComment({ owner: issue.owner, repo: issue.repo, comment_id: id, body });
  } catch (error) {
    throw translateGitHubError(error, `PATCH /repos/${issue.owner}/${issue.repo}/issues/comments/${id}`);
  }
}

async function minimizeComment(client: GitHubClient, nodeId: string): Promise<void> {
  try {
    await client.graphql("mutation($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: OUTDATED }) { clientMutationId } }", {
      id: nodeId,
    });
  } catch (error) {
    throw translateGitHubError(error, "POST /graphql (minimize duplicate)");
  }
}
