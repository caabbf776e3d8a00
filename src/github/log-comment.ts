import type { GitHubClient } from "./octokit.js";
import { type IssueRef, createComment, findStickyComment, updateComment } from "./sticky-comment.js";

/** Where an entry went. */
export interface AppendResult {
  readonly id: number;
  /** True when a new log comment was started (none yet, or the last one was full). */
  readonly created: boolean;
}

/**
 * Appends an entry to our log comment on a PR: the newest comment of ours
 * that starts with `markerPrefix`. Earlier entries are never rewritten or
 * dropped; when the entry would take the comment past `maxChars`, a new log
 * comment starts with `head` (GitHub refuses bodies over 65,536 characters).
 */
export async function appendToLogComment(
  client: GitHubClient,
  issue: IssueRef,
  entry: { readonly head: string; readonly text: string },
  options: { readonly markerPrefix: string; readonly viewer: string; readonly maxChars: number },
): Promise<AppendResult> {
  const found = await findStickyComment(client, issue, options);
  const current = found.comment;
  if (current) {
    const body = `${current.body.replace(/\n+$/, "")}\n\n${entry.text}\n`;
    if (body.length <= options.maxChars) {
      await updateComment(client, issue, current.id, body);
      return { id: current.id, created: false };
    }
  }
  return { id: await createComment(client, issue, `${entry.head}\n\n${entry.text}\n`), created: true };
}
