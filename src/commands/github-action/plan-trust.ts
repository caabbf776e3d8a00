/**
 * Whether a plan comment is what the pull request's reviewers approved
 * (docs/action.md#how-the-review-is-enforced-trust). Authorship alone is weak: with the default
 * workflow token the author is github-actions[bot], and any workflow of any
 * pushed branch can write as that bot. So the trust is bound to the review:
 * the marker must name the merged head commit, and the comment must not have
 * changed after the latest approval of that commit. Pure: GitHub's answers in,
 * a verdict out.
 */

/** A review as the rules read it (REST pulls/{n}/reviews). */
export interface ReviewFact {
  readonly state: string;
  readonly commitId: string;
  /** ISO time; absent on a pending review. */
  readonly submittedAt: string | undefined;
}

/** What the judgement looks at. */
export interface PlanTrustInput {
  /** Head commit named by the comment's marker; undefined for a marker written before markers named it. */
  readonly markerSha: string | undefined;
  /** When the comment last changed (REST `updated_at`, ISO). */
  readonly commentUpdatedAt: string;
  readonly pullRequest: { readonly number: number; readonly headSha: string };
  readonly reviews: readonly ReviewFact[];
  /** The require-approval input: refuse unless an approval of the merged head exists. */
  readonly requireApproval: boolean;
}

/** Trusted (with the approval it rests on, if any), or refused with one line saying why and what to do. */
export type PlanTrust = { readonly trusted: true; readonly approvedAt: string | undefined } | { readonly trusted: false; readonly refusal: string };

const short = (sha: string) => sha.slice(0, 12);

/**
 * The rules, in order:
 * 1. the marker's commit is the merged PR's head ("the plan was computed for an older commit");
 * 2. where the PR has approving reviews, one is of that head commit;
 * 3. the comment was last changed before the latest approval of that head
 *    ("the plan changed after approval; ask for a new review");
 * 4. with require-approval, such an approval exists.
 */
export function judgePlanTrust(input: PlanTrustInput): PlanTrust {
  const { pullRequest, markerSha } = input;
  const pr = `#${pullRequest.number}`;
  if (markerSha !== pullRequest.headSha) {
    const computedFor = markerSha ? `commit ${short(markerSha)}` : "a commit it does not name";
    return {
      trusted: false,
      refusal: `the plan was computed for an older commit: the plan comment on ${pr} is for ${computedFor}, but ${pr} merged ${short(pullRequest.headSha)}; plan that commit again and have it reviewed`,
    };
  }
  const approvals = input.reviews.filter((review) => review.state === "APPROVED" && review.submittedAt !== undefined);
  const ofHead = approvals.filter((review) => review.commitId === pullRequest.headSha);
  const latest = ofHead.map((review) => review.submittedAt as string).sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
  if (approvals.length > 0 && latest === undefined) {
    return { trusted: false, refusal: `${pr} was approved for an older commit, not its merged head ${short(pullRequest.headSha)}; ask for a new review` };
  }
  if (latest !== undefined && !(Date.parse(input.commentUpdatedAt) < Date.parse(latest))) {
    return {
      trusted: false,
      refusal: `the plan changed after approval; ask for a new review (the plan comment on ${pr} was last changed at ${input.commentUpdatedAt}, the latest approval of ${short(pullRequest.headSha)} is from ${latest})`,
    };
  }
  if (input.requireApproval && latest === undefined) {
    return { trusted: false, refusal: `require-approval is true and nobody approved ${pr} at its merged head ${short(pullRequest.headSha)}` };
  }
  return { trusted: true, approvedAt: latest };
}
